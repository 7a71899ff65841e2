import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  Breadcrumbs,
  Button,
  InsetText,
  Pagination,
  Select,
  StatusTag,
  SummaryList,
  Table,
  type PaginationItem,
} from "@/components/govuk";
import { statusPresentation } from "@/components/govuk/status-tag";
import { FiguresBasisLine } from "@/components/dashboard/figures-basis-line";
import { formatCompleteness, formatCount, formatDateTime } from "@/components/dashboard/format";
import { RegisterDownloads } from "@/components/register/register-downloads";
import { AppError } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { currentActor, requirePagePermission } from "@/lib/auth/session";
import { RULES, RULES_BY_ID } from "@/lib/compliance";
import { ORG_STATUSES, ORG_TYPE_LABELS } from "@/lib/data/dashboard";
import { getOrganisation, getOrganisationName, listOrganisationSites, parseSitesQuery, type SitesQuery } from "@/lib/data/organisations";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function parseId(id: string): number | null {
  return /^\d{1,9}$/.test(id) ? Number(id) : null;
}

/** Out of scope and missing both answer 404, as if the organisation did not exist. */
async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

// No redirect, 403 or 404 from here: the page itself answers those, and an interrupt thrown while
// the metadata streams can leave the response unfinished.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const orgId = parseId(id);
  const actor = await currentActor();
  if (orgId === null || !actor || !can(actor.role, "register:read")) return { title: "Organisation" };
  try {
    return { title: await getOrganisationName(actor, orgId) };
  } catch {
    return { title: "Page not found" };
  }
}

const STATUS_FIELDS = [
  ["BREACH", "breach"],
  ["ACTION_DUE", "actionDue"],
  ["UNVERIFIED", "unverified"],
  ["ADVISORY", "advisory"],
  ["COMPLIANT", "compliant"],
  ["REMOVED", "removed"],
] as const;

const FINDING_STATUSES = ["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY"] as const;

function sitesHref(id: number, q: SitesQuery, page: number): string {
  const params = new URLSearchParams();
  if (q.status) params.set("status", q.status);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return `/organisations/${id}${s ? `?${s}` : ""}#sites`;
}

function pageItems(id: number, q: SitesQuery, current: number, pages: number): PaginationItem[] {
  const items: PaginationItem[] = [];
  let last = 0;
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 1) {
      if (last && p - last > 1) items.push({ ellipsis: true });
      items.push({ number: p, href: sitesHref(id, q, p), current: p === current });
      last = p;
    }
  }
  return items;
}

/** "86% (40,346 of 46,962 in-service devices fully recorded)". */
function completenessWords(f: { inService: number; inServiceComplete: number; completeness: number }): string {
  if (f.inService === 0) return formatCompleteness(f);
  return `${formatCompleteness(f)} (${formatCount(f.inServiceComplete)} of ${formatCount(f.inService)} in-service devices fully recorded)`;
}

const SENSITIVITY_LABELS = { SENSITIVE: "Sensitive", NOT_SENSITIVE: "Not sensitive", UNASSESSED: "Not assessed" } as const;

export default async function OrganisationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const actor = await requirePagePermission("register:read", `/organisations/${id}`);
  const orgId = parseId(id);
  if (orgId === null) notFound();
  const org = await loadOrNotFound(() => getOrganisation(actor, orgId));
  const query = parseSitesQuery(await searchParams);
  const sites = await loadOrNotFound(() => listOrganisationSites(actor, orgId, query));
  const f = org.figures;

  const byRule = f?.byRule ?? {};
  const rules = RULES.filter((r) => Object.values(byRule[r.id] ?? {}).some((n) => n > 0));
  const unknownRules = Object.keys(byRule).filter((id) => !(id in RULES_BY_ID));

  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/organisations", text: "Organisations" },
          ...(org.parent?.visible ? [{ href: `/organisations/${org.parent.id}`, text: org.parent.name }] : []),
          { text: org.name },
        ]}
      />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-xl">{ORG_TYPE_LABELS[org.type]}</span>
        {org.name} ({org.acronym})
      </h1>
      <p className="govuk-body-l">
        {f ? <StatusTag status={f.status} className="text-2xl" /> : <StatusTag status="NO_DATA" />}
      </p>
      <FiguresBasisLine asOf={org.asOf} source={org.source} computedAt={org.computedAt} id="figures-basis" />
      <RegisterDownloads role={actor.role} organisation={org} />

      {f ? (
        <>
          <h2 className="govuk-heading-l">Summary</h2>
          {org.agencies.length > 0 ? (
            <p className="govuk-body">
              These figures are for {org.name} itself. Its agencies have their own figures, listed under Agencies below.
            </p>
          ) : null}
          <SummaryList
            rows={[
              { key: "Status", value: <StatusTag status={f.status} /> },
              ...(org.parent ? [{ key: "Part of", value: org.parent.name }] : []),
              { key: "Sites", value: `${formatCount(f.sites)} (${formatCount(f.sensitiveSites)} sensitive)` },
              { key: "Devices", value: formatCount(f.devices) },
              { key: "Covered devices still on controlled sites", value: formatCount(f.coveredRemaining) },
              { key: "Covered devices removed from controlled sites", value: formatCount(f.coveredRemoved) },
              { key: "Covered devices in service", value: `${formatCount(f.coveredInService)} (${formatCount(f.coveredSensitive)} on sensitive sites, ${formatCount(f.coveredCore)} on core networks)` },
              { key: "Data completeness", value: completenessWords(f) },
              { key: "Last change", value: formatDateTime(f.lastChangeAt) },
            ]}
          />

          <h2 className="govuk-heading-l">Devices by status</h2>
          <Table
            caption="Devices by status"
            captionVisuallyHidden
            firstCellIsHeader
            head={[{ text: "Status" }, { text: "Devices", numeric: true }]}
            rows={STATUS_FIELDS.map(([status, field]) => [<StatusTag key="s" status={status} />, formatCount(f[field])])}
          />

          <h2 className="govuk-heading-l">Findings by rule</h2>
          {rules.length === 0 && unknownRules.length === 0 ? (
            <p className="govuk-body">No device has a finding.</p>
          ) : (
            <>
              <Table
                caption="Findings by rule and status"
                captionVisuallyHidden
                firstCellIsHeader
                head={[{ text: "Rule" }, ...FINDING_STATUSES.map((s) => ({ text: statusPresentation(s).text, numeric: true }))]}
                rows={[...rules.map((r) => ({ id: r.id, title: r.title })), ...unknownRules.map((id) => ({ id, title: id }))].map((r) => [
                  <>
                    {r.title} <span className="text-govuk-secondary-text font-normal">({r.id})</span>
                  </>,
                  ...FINDING_STATUSES.map((s) => formatCount(byRule[r.id]?.[s] ?? 0)),
                ])}
              />
              <h3 className="govuk-heading-m">What the directive says</h3>
              <dl className="govuk-body">
                {rules.map((r) => (
                  <div key={r.id} className="mb-4">
                    <dt className="font-bold">{r.title}</dt>
                    <dd className="ml-0">{r.directive}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      ) : (
        <InsetText>This organisation has no compliance results yet.</InsetText>
      )}

      {org.agencies.length > 0 ? (
        <>
          <h2 className="govuk-heading-l">Agencies</h2>
          <Table
            caption={`Agencies of ${org.name}`}
            captionVisuallyHidden
            firstCellIsHeader
            head={[{ text: "Agency" }, { text: "Status" }, { text: "Sensitive sites", numeric: true }, { text: "Breach", numeric: true }, { text: "Covered devices remaining", numeric: true }]}
            rows={org.agencies.map((a) => [
              <span key="a">
                <a className="govuk-link" href={`/organisations/${a.id}`}>{a.name}</a>{" "}
                <span className="text-govuk-secondary-text font-normal">({a.acronym})</span>
              </span>,
              <StatusTag key="s" status={a.status} />,
              formatCount(a.sensitiveSites),
              formatCount(a.breach),
              formatCount(a.coveredRemaining),
            ])}
          />
          {org.withAgencies ? (
            <>
              <h3 className="govuk-heading-m" id="with-agencies">{org.name} with its agencies</h3>
              <p className="govuk-body">
                {org.name} and its {formatCount(org.agencies.length)} {org.agencies.length === 1 ? "agency" : "agencies"} added
                up: the figures of a report on {org.acronym} with its agencies.
              </p>
              <SummaryList
                rows={[
                  { key: "Sites", value: `${formatCount(org.withAgencies.sites)} (${formatCount(org.withAgencies.sensitiveSites)} sensitive)` },
                  { key: "Devices", value: formatCount(org.withAgencies.devices) },
                  { key: "Devices in breach", value: formatCount(org.withAgencies.breach) },
                  { key: "Devices with action due", value: formatCount(org.withAgencies.actionDue) },
                  { key: "Devices unverified", value: formatCount(org.withAgencies.unverified) },
                  { key: "Covered devices still on controlled sites", value: formatCount(org.withAgencies.coveredRemaining) },
                  { key: "Covered devices removed from controlled sites", value: formatCount(org.withAgencies.coveredRemoved) },
                  { key: "Covered devices on core networks", value: formatCount(org.withAgencies.coveredCore) },
                  { key: "Data completeness", value: completenessWords(org.withAgencies) },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}

      <h2 className="govuk-heading-l" id="sites">Sites</h2>
      <form method="get" action={`/organisations/${org.id}#sites`} className="flex flex-wrap items-end gap-x-4">
        <Select
          id="status"
          name="status"
          label="Status"
          defaultValue={query.status ?? ""}
          options={[{ value: "", text: "Any status" }, ...ORG_STATUSES.map((s) => ({ value: s, text: statusPresentation(s).text }))]}
        />
        <Button variant="secondary">Apply filter</Button>
      </form>
      <p className="govuk-body">
        {sites.total === 0
          ? "No sites match."
          : `Showing sites ${formatCount((sites.page - 1) * sites.pageSize + 1)} to ${formatCount(Math.min(sites.page * sites.pageSize, sites.total))} of ${formatCount(sites.total)}.`}
      </p>
      <Table
        caption={`Sites of ${org.name}${query.status ? ` with status ${statusPresentation(query.status).text}` : ""}`}
        captionVisuallyHidden
        firstCellIsHeader
        head={[
          { text: "Site" },
          { text: "Site code" },
          { text: "Sensitivity" },
          { text: "Status" },
          { text: "Devices", numeric: true },
          { text: "Breach", numeric: true },
          { text: "Action due", numeric: true },
          { text: "Unverified", numeric: true },
          { text: "Covered devices remaining", numeric: true },
        ]}
        emptyText={query.status ? "No sites have this status." : "This organisation has no sites recorded."}
        rows={sites.rows.map((s) => [
          <>
            <a className="govuk-link" href={`/sites/${s.id}`}>{s.name}</a>
            <span className="text-govuk-secondary-text font-normal block">{s.town}</span>
          </>,
          <span key="c" className="whitespace-nowrap">{s.siteCode}</span>,
          SENSITIVITY_LABELS[s.sensitivity],
          s.status ? <StatusTag key="s" status={s.status} /> : "Not evaluated",
          formatCount(s.devices),
          formatCount(s.breach),
          formatCount(s.actionDue),
          formatCount(s.unverified),
          formatCount(s.coveredRemaining),
        ])}
      />
      <Pagination
        label="Sites pages"
        previousHref={sites.page > 1 ? sitesHref(org.id, query, sites.page - 1) : undefined}
        nextHref={sites.page < sites.pages ? sitesHref(org.id, query, sites.page + 1) : undefined}
        pages={pageItems(org.id, query, sites.page, sites.pages)}
      />
    </>
  );
}
