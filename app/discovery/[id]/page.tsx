import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs, Button, ButtonLink, Heading, Pagination, SubNavigation } from "@/components/govuk";
import { DismissedHostTable, MatchedHostTable, NotSeenTable, UnrecordedHostTable } from "@/components/discovery/host-tables";
import { ProblemSummary, ProblemTable, ScanFacts, ScanFigures } from "@/components/discovery/scan-parts";
import { VIEW_TITLES, dayOf, type ViewName } from "@/components/discovery/words";
import { DoneBanner } from "@/components/register/done-banner";
import { pageItems, withQuery } from "@/components/register/format";
import { idParam, orNotFound } from "@/components/register/not-found";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { HOSTS_PER_PAGE, HOST_VIEWS, getDiscoveryScan, parseHostView, type ScanDetail } from "@/lib/data/discovery-views";
import { formatCount } from "@/lib/presentation/figures-format";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const DONE = {
  added: "The hosts have been added to the register",
  dismissed: "The host has been dismissed",
};

/** What each list is, under the sub navigation. */
const VIEW_INTROS: Record<ViewName, string> = {
  probable:
    "Hosts that are not in the register but are probably equipment of a covered producer, such as Hikvision or Dahua, going by the owner of their MAC address, the scanner's vendor name, a service banner or their model.",
  unrecorded:
    "Hosts in the file that match no device in the register and look like camera equipment (camera ports or services, or a maker the producer register knows), the probable covered equipment included.",
  matched: "Hosts that match a device in the register: by MAC address first, then serial number, then IP address at the site.",
  "not-seen":
    "Devices the register records at the file's sites that the file did not find. Some may simply have been switched off; if one has been taken away, record its removal.",
  dismissed: "Hosts an editor said are not equipment for the register, with their reasons.",
};

const EMPTY: Record<ViewName, string> = {
  probable: "No probable covered equipment was found on the network that is missing from the register.",
  unrecorded: "Every host in the file is in the register or has been dismissed.",
  matched: "No host in the file matches a device in the register.",
  "not-seen": "The file found every device the register records at these sites.",
  dismissed: "No hosts have been dismissed.",
};

// The page's title and the page itself read the same scan once per request.
const load = cache(async (raw: string, view: string | undefined, page: string | undefined): Promise<{ actor: Actor; scan: ScanDetail }> => {
  const actor = await requirePagePermission("register:read", `/discovery/${raw}`);
  const id = idParam(raw);
  return { actor, scan: await orNotFound(getDiscoveryScan(actor, id, parseHostView(view), Number(page) || 1)) };
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { id } = await params;
  const search = await searchParams;
  const { scan } = await load(id, one(search.view), one(search.page));
  if (scan.state === "REFUSED") return { title: `File refused: ${scan.filename}` };
  return { title: `${scan.filename}: network discovery` };
}

function count(scan: ScanDetail, view: ViewName): number {
  switch (view) {
    case "probable":
      return scan.probableCovered;
    case "unrecorded":
      return scan.listedUnrecorded;
    case "matched":
      return scan.matched;
    case "not-seen":
      return scan.notSeen;
    case "dismissed":
      return scan.dismissed;
  }
}

export default async function DiscoveryScanPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id: raw } = await params;
  const search = await searchParams;
  const { actor, scan } = await load(raw, one(search.view), one(search.page));
  const editable = can(actor.role, "register:write");
  const path = `/discovery/${scan.id}`;
  const crumbs = <Breadcrumbs items={[{ text: "Network discovery", href: "/discovery" }, { text: scan.filename }]} />;

  if (scan.state === "AWAITING_COLUMNS") {
    if (editable) redirect(`${path}/columns`);
    return (
      <>
        {crumbs}
        <Heading level={1} size="l" caption={scan.organisation}>
          {scan.filename}
        </Heading>
        <p className="govuk-body">
          This camera list is waiting for an editor to choose which of its columns hold the cameras&apos; details. Nothing in it has been
          compared with the register yet.
        </p>
      </>
    );
  }

  if (scan.state === "REFUSED") {
    return (
      <>
        {crumbs}
        <ProblemSummary filename={scan.filename} problems={scan.problems} problemCount={scan.problemCount} source={scan.source} />
        <Heading level={1} size="l" caption={scan.organisation}>
          This file was refused
        </Heading>
        <p className="govuk-body">
          {scan.filename} is {scan.source === "VMS" ? "a camera list" : "a network scan"}, uploaded by {scan.uploadedBy} on {dayOf(scan.uploadedAt)}.
        </p>
        <ProblemTable filename={scan.filename} problems={scan.problems} problemCount={scan.problemCount} source={scan.source} />
        {editable ? <ButtonLink href="/discovery/new">Upload a file</ButtonLink> : null}
      </>
    );
  }

  const view = scan.view;
  const hrefOf = (v: ViewName, page: number | null = null) => withQuery(path, {}, { view: v, page: page === 1 ? null : page });
  const total = count(scan, view);
  const from = total === 0 ? 0 : (scan.page - 1) * HOSTS_PER_PAGE + 1;
  const to = Math.min(scan.page * HOSTS_PER_PAGE, total);
  const caption = `${VIEW_TITLES[view]}: ${scan.filename}`;
  const common = { caption, emptyText: EMPTY[view], source: scan.source };

  return (
    <>
      {crumbs}
      <DoneBanner done={search.done} messages={DONE} />
      <Heading level={1} size="l" caption={scan.organisation}>
        {scan.filename}
      </Heading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ScanFacts scan={scan} command={scan.command} discarded={scan.discarded} />
        </div>
      </div>
      <ScanFigures
        hosts={scan.hosts}
        matched={scan.matched}
        notInRegister={scan.unrecorded - scan.dismissed}
        probableCovered={scan.probableCovered}
        notSeen={scan.notSeen}
        hrefOf={(v) => `${hrefOf(v)}#hosts`}
      />

      <h2 className="govuk-heading-m" id="hosts">
        What the file found
      </h2>
      <SubNavigation
        label="Lists of hosts"
        items={HOST_VIEWS.map((v) => ({ href: `${hrefOf(v)}#hosts`, text: `${VIEW_TITLES[v]} (${formatCount(count(scan, v))})`, current: v === view }))}
      />
      <p className="govuk-body">{VIEW_INTROS[view]}</p>
      {view === "unrecorded" && scan.otherHosts > 0 ? (
        <p className="govuk-body">
          {formatCount(scan.otherHosts)} other {scan.otherHosts === 1 ? "host, such as a computer, a printer or network equipment, matches" : "hosts, such as computers, printers and network equipment, match"}{" "}
          no device in the register either and {scan.otherHosts === 1 ? "does" : "do"} not look like camera equipment: the register counts them but does not keep their details.
        </p>
      ) : null}
      {total > HOSTS_PER_PAGE ? (
        <p className="govuk-body">
          Showing {formatCount(from)} to {formatCount(to)} of {formatCount(total)}.
        </p>
      ) : null}

      {view === "probable" || view === "unrecorded" ? (
        editable && scan.hostRows.length > 0 ? (
          <form method="get" action={`${path}/add`} noValidate>
            {/* So the review's back link returns to this list. */}
            <input type="hidden" name="from" value={view} />
            <p className="govuk-body">Tick the hosts that belong in the register. You will check each one&apos;s details before anything is added.</p>
            <UnrecordedHostTable {...common} hosts={scan.hostRows} scanId={scan.id} />
            <Button type="submit">Review and add to the register</Button>
          </form>
        ) : (
          <UnrecordedHostTable {...common} hosts={scan.hostRows} />
        )
      ) : null}
      {view === "matched" ? <MatchedHostTable {...common} hosts={scan.hostRows} /> : null}
      {view === "not-seen" ? <NotSeenTable caption={caption} emptyText={EMPTY[view]} devices={scan.notSeenRows} editable={editable} /> : null}
      {view === "dismissed" ? <DismissedHostTable {...common} hosts={scan.hostRows} /> : null}

      <Pagination
        previousHref={scan.page > 1 ? `${hrefOf(view, scan.page - 1)}#hosts` : undefined}
        nextHref={scan.page < scan.pages ? `${hrefOf(view, scan.page + 1)}#hosts` : undefined}
        pages={pageItems(scan.page, scan.pages, (n) => `${hrefOf(view, n)}#hosts`)}
        label={`Pages of ${VIEW_TITLES[view].toLowerCase()}`}
      />
    </>
  );
}
