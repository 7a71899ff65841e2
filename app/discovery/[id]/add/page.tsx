import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackLink, Heading, InsetText } from "@/components/govuk";
import { AddHostsForm, type HostToReview } from "@/components/discovery/add-hosts-form";
import { guessBrand, guessKind } from "@/components/discovery/addition-defaults";
import { hostName, macWords, serviceWords, type ScanSource } from "@/components/discovery/words";
import { idParam, orNotFound } from "@/components/register/not-found";
import { requirePagePermission } from "@/lib/auth/session";
import { getHostsToAdd, type HostRow } from "@/lib/data/discovery-views";
import { plural } from "@/lib/text/plural";
import { hostSelectionSchema } from "@/lib/validation/discovery";
import { addHostsAction } from "@/app/discovery/actions";

export const metadata: Metadata = { title: "Add hosts to the register" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Open ports listed under a host's legend: enough to tell a camera from a recorder. */
const SERVICES_LISTED = 4;

function reviewOf(h: HostRow, source: ScanSource): HostToReview {
  const name = hostName(h, source);
  const mac = h.address ? macWords(h.mac, h.macVendor) : null;
  const legend = [name, mac ? `MAC ${mac}` : null].filter(Boolean).join(", ") + (h.probableProducer ? `: probably ${h.probableProducer}` : "");
  const maker = [h.manufacturer, h.model].filter(Boolean).join(" ");
  const evidence = [
    `At ${h.siteName}`,
    ...(h.name ? [h.name] : []),
    ...(maker ? [maker] : []),
    ...h.services.slice(0, SERVICES_LISTED).map(serviceWords),
    ...(h.services.length > SERVICES_LISTED ? [`and ${plural(h.services.length - SERVICES_LISTED, "more open port")}`] : []),
  ];
  return {
    id: h.id,
    legend,
    evidence,
    defaults: { kind: guessKind(h), brand: guessBrand(h), model: h.model ?? "", serial: h.serial ?? "" },
  };
}

function NothingToAdd({ back, filename, message }: { back: string; filename: string; message: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={back}>Back to {filename}</BackLink>
        <Heading level={1} size="l" caption={filename}>
          Add hosts to the register
        </Heading>
        <p className="govuk-body">{message}</p>
        <p className="govuk-body">
          <a className="govuk-link" href={back}>
            Choose the hosts to add
          </a>
        </p>
      </div>
    </div>
  );
}

export default async function AddHostsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/discovery/${raw}/add`);
  const id = idParam(raw);
  const { host, from } = await searchParams;
  const picked = host === undefined ? [] : Array.isArray(host) ? host : [host];
  const selection = hostSelectionSchema.safeParse(picked);
  const ids = selection.success ? [...new Set(selection.data)] : [];
  const { scan, hosts } = await orNotFound(getHostsToAdd(actor, id, ids));
  if (scan.state !== "RECONCILED") redirect(`/discovery/${id}`);
  const back = `/discovery/${id}?view=${from === "probable" ? "probable" : "unrecorded"}`;

  if (!selection.success) {
    return <NothingToAdd back={back} filename={scan.filename} message={selection.error.issues[0]?.message ?? "Choose at least one host to add to the register"} />;
  }
  if (hosts.length === 0) {
    return (
      <NothingToAdd
        back={back}
        filename={scan.filename}
        message="The hosts you chose have already been added to the register or dismissed, so there is nothing left to add."
      />
    );
  }
  const gone = ids.length - hosts.length;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={back}>Back to {scan.filename}</BackLink>
        <Heading level={1} size="l" caption={scan.filename}>
          {hosts.length === 1 ? "Check the device to add" : `Check the ${hosts.length.toLocaleString("en-GB")} devices to add`}
        </Heading>
        <p className="govuk-body">
          We have filled in what the file suggests about each host. Check it against the equipment&apos;s label where you can: the brand
          decides which findings the register makes.
        </p>
        {gone > 0 ? (
          <InsetText>
            {gone === 1
              ? "1 of the hosts you chose has been added to the register or dismissed since, so it is not listed."
              : `${gone.toLocaleString("en-GB")} of the hosts you chose have been added to the register or dismissed since, so they are not listed.`}
          </InsetText>
        ) : null}
        <AddHostsForm action={addHostsAction.bind(null, id)} hosts={hosts.map((h) => reviewOf(h, scan.source))} cancelHref={back} />
      </div>
    </div>
  );
}
