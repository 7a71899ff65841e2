import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackLink, Heading, SummaryList } from "@/components/govuk";
import { DismissHostForm } from "@/components/discovery/dismiss-form";
import { ProbableProducer, ScanSays } from "@/components/discovery/host-cells";
import { hostName, lineWord, macWords } from "@/components/discovery/words";
import { idParam, orNotFound } from "@/components/register/not-found";
import { requirePagePermission } from "@/lib/auth/session";
import { getHostsToAdd } from "@/lib/data/discovery-views";
import { dismissHostAction } from "@/app/discovery/actions";

export const metadata: Metadata = { title: "Dismiss a host" };

type Params = Promise<{ id: string; hostId: string }>;

export default async function DismissHostPage({ params }: { params: Params }) {
  const { id: rawId, hostId: rawHost } = await params;
  const actor = await requirePagePermission("register:write", `/discovery/${rawId}/dismiss/${rawHost}`);
  const id = idParam(rawId);
  const hostId = idParam(rawHost);
  // The hosts still waiting for an answer: neither in the register nor dismissed.
  const { scan, hosts } = await orNotFound(getHostsToAdd(actor, id, [hostId]));
  if (scan.state !== "RECONCILED") redirect(`/discovery/${id}`);
  const host = hosts[0];
  const back = `/discovery/${id}?view=unrecorded`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={back}>Back to {scan.filename}</BackLink>
        {host ? (
          <>
            <Heading level={1} size="l" caption={scan.filename}>
              Dismiss {hostName(host, scan.source)}
            </Heading>
            <p className="govuk-body">
              Dismiss a host that is not equipment for the register, such as a printer or a door entry panel. It leaves the lists of hosts
              to deal with, and a later scan of the site remembers your answer.
            </p>
            <SummaryList
              rows={[
                { key: "IP address", value: host.address ?? "Not in the file" },
                { key: "MAC address", value: macWords(host.mac, host.macVendor) ?? "Not in the file" },
                { key: "What the file says", value: <ScanSays host={host} /> },
                { key: "Site", value: host.siteName },
                { key: "Where in the file", value: `${lineWord(scan.source)} ${host.line.toLocaleString("en-GB")}` },
                { key: "Probable producer", value: <ProbableProducer host={host} /> },
              ]}
            />
            <DismissHostForm action={dismissHostAction.bind(null, id)} hostId={host.id} cancelHref={back} />
          </>
        ) : (
          <>
            <Heading level={1} size="l" caption={scan.filename}>
              This host has already been dealt with
            </Heading>
            <p className="govuk-body">
              It has been added to the register or dismissed since the list was shown, or it is not one of this file&apos;s hosts.
            </p>
            <p className="govuk-body">
              <a className="govuk-link" href={back}>
                See the hosts not in the register
              </a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
