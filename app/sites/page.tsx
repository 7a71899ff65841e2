import type { Metadata } from "next";
import { ButtonLink, Heading, Pagination, Radios, Select, StatusTag, TextInput } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listSiteOrganisations, listSites } from "@/lib/data/sites";
import { SENSITIVITIES, SENSITIVITY_LABELS, SITE_STATUSES, siteListQuerySchema, type SiteSort } from "@/lib/validation/site";
import { statusPresentation } from "@/components/govuk/status-tag";
import { Filter, FilterLayout, type FilterCategory } from "@/components/moj/filter";
import { FilterToggle } from "@/components/moj/filter-toggle";
import { SortableTable, type SortableColumn } from "@/components/moj/sortable-table";
import { pageItems, withQuery } from "@/components/register/format";
import { RegisterDownloads } from "@/components/register/register-downloads";

export const metadata: Metadata = { title: "Sites" };

type Current = Record<string, string | number | null>;

/** The current query as strings, for hidden fields and links (defaults left out). */
function queryStrings(current: Current): Record<string, string> {
  return Object.fromEntries(Object.entries(current).flatMap(([k, v]) => (v === null || v === "" ? [] : [[k, String(v)]])));
}

export default async function SitesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("register:read", "/sites");
  const query = siteListQuerySchema.parse(await searchParams);
  const organisations = await listSiteOrganisations(actor);
  const list = await listSites(actor, query);
  const filters: Current = {
    q: query.q,
    sensitivity: query.sensitivity,
    status: query.status,
    lifecycle: query.lifecycle === "active" ? null : query.lifecycle,
    organisation: query.organisation,
  };
  const sorting: Current = { sort: query.sort === "name" ? null : query.sort, dir: query.dir === "asc" ? null : query.dir };
  const current = { ...filters, ...sorting };
  const organisation = organisations.find((o) => o.id === query.organisation) ?? null;
  // Everyone sees whose site it is unless there is only one organisation to see.
  const showOrganisation = organisations.length > 1;

  const sortColumn = (text: string, key: SiteSort, numeric = false): SortableColumn => {
    const active = query.sort === key;
    // A press on the sorted column reverses it; on another, sorts by it from the start.
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    return {
      text,
      numeric,
      sort: {
        state: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
        query: queryStrings({ ...filters, sort: key === "name" ? null : key, dir: dir === "asc" ? null : dir }),
      },
    };
  };
  const without = (...keys: string[]) => withQuery("/sites", current, Object.fromEntries(keys.map((k) => [k, null])));
  const selected: FilterCategory[] = [
    ...(query.q ? [{ heading: "Search", items: [{ text: `“${query.q}”`, href: without("q") }] }] : []),
    ...(query.sensitivity ? [{ heading: "Sensitivity", items: [{ text: SENSITIVITY_LABELS[query.sensitivity], href: without("sensitivity") }] }] : []),
    ...(query.status ? [{ heading: "Status", items: [{ text: statusPresentation(query.status).text, href: without("status") }] }] : []),
    ...(query.lifecycle === "archived" ? [{ heading: "Sites", items: [{ text: "Archived sites", href: without("lifecycle") }] }] : []),
    ...(organisation ? [{ heading: "Organisation", items: [{ text: organisation.name, href: without("organisation") }] }] : []),
  ];
  const pageHref = (n: number) => withQuery("/sites", current, { page: n === 1 ? null : n });
  const from = list.total === 0 ? 0 : (list.page - 1) * list.perPage + 1;
  const to = Math.min(list.page * list.perPage, list.total);

  return (
    <>
      <Heading level={1} size="l">
        Sites
      </Heading>
      {can(actor.role, "register:write") ? <ButtonLink href="/sites/new">Add a site</ButtonLink> : null}

      <FilterLayout
        filter={
          <form method="get" action="/sites" noValidate aria-label="Filter sites">
            <Filter selectedFilters={{ clearLink: { href: withQuery("/sites", sorting, {}) }, categories: selected }}>
              <TextInput id="q" name="q" type="search" label="Search by name, code, town or postcode" labelSize="s" defaultValue={query.q} />
              <Radios
                name="sensitivity"
                legend="Sensitivity"
                legendSize="s"
                small
                defaultValue={query.sensitivity ?? ""}
                items={[{ value: "", text: "Any sensitivity" }, ...SENSITIVITIES.map((s) => ({ value: s, text: SENSITIVITY_LABELS[s] }))]}
              />
              <Radios
                name="status"
                legend="Status"
                legendSize="s"
                small
                defaultValue={query.status ?? ""}
                items={[{ value: "", text: "Any status" }, ...SITE_STATUSES.map((s) => ({ value: s, text: statusPresentation(s).text }))]}
              />
              <Radios
                name="lifecycle"
                legend="Active or archived"
                legendSize="s"
                small
                defaultValue={query.lifecycle}
                items={[
                  { value: "active", text: "Active sites" },
                  { value: "archived", text: "Archived sites" },
                ]}
              />
              {organisations.length > 1 ? (
                <Select
                  id="organisation"
                  name="organisation"
                  label="Organisation"
                  labelSize="s"
                  fullWidth
                  defaultValue={query.organisation ? String(query.organisation) : ""}
                  options={[{ value: "", text: "All organisations" }, ...organisations.map((o) => ({ value: String(o.id), text: o.name }))]}
                />
              ) : null}
              {Object.entries(queryStrings(sorting)).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
            </Filter>
          </form>
        }
      >
        <p className="govuk-body" role="status">
          {list.total === 0 ? "No sites match." : `Showing ${from} to ${to} of ${list.total} ${list.total === 1 ? "site" : "sites"}`}
        </p>
        <SortableTable
          caption={query.lifecycle === "archived" ? "Archived sites" : "Sites"}
          captionVisuallyHidden
          action="/sites"
          firstCellIsHeader
          columns={[
            sortColumn("Site", "name"),
            sortColumn("Code", "code"),
            ...(showOrganisation ? [sortColumn("Organisation", "organisation")] : []),
            sortColumn("Sensitivity", "sensitivity"),
            sortColumn("Status", "status"),
            sortColumn("Devices", "devices", true),
          ]}
          // Beside the filter the list is narrow: in the design system's smaller type, the site's
          // name keeps room for more than a word a line, codes such as HO-0050 stop breaking at the
          // hyphen, and status tags may wrap instead.
          className="govuk-!-font-size-16"
          cellClassNames={{ 0: "min-w-[9em]", 1: "whitespace-nowrap" }}
          rows={list.rows.map((s) => [
            <span key="name">
              <a className="govuk-link" href={`/sites/${s.id}`}>
                {s.name}
              </a>
              <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">
                {s.town}, {s.postcode}
              </span>
            </span>,
            s.siteCode,
            ...(showOrganisation
              ? [
                  <abbr key="org" title={s.organisationName}>
                    {s.organisationAcronym}
                  </abbr>,
                ]
              : []),
            SENSITIVITY_LABELS[s.sensitivity],
            <StatusTag key="status" status={s.status} />,
            s.devices,
          ])}
          emptyText="No sites match these filters."
        />
        <Pagination
          previousHref={list.page > 1 ? pageHref(list.page - 1) : undefined}
          nextHref={list.page < list.pageCount ? pageHref(list.page + 1) : undefined}
          pages={pageItems(list.page, list.pageCount, pageHref)}
          label="Pages of sites"
        />
      </FilterLayout>
      <FilterToggle />
      <RegisterDownloads role={actor.role} organisation={organisations.find((o) => o.id === query.organisation) ?? null} />
    </>
  );
}
