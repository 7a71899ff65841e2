import type { Metadata } from "next";
import { Button, ButtonLink, Heading, Pagination, Select, StatusTag, Table, TextInput, type TableHeadCell } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listSiteOrganisations, listSites } from "@/lib/data/sites";
import { SENSITIVITIES, SENSITIVITY_LABELS, SITE_STATUSES, siteListQuerySchema, type SiteSort } from "@/lib/validation/site";
import { pageItems, withQuery } from "@/components/register/format";

export const metadata: Metadata = { title: "Sites" };

const STATUS_LABELS: Record<(typeof SITE_STATUSES)[number], string> = {
  RED: "Red: breach",
  AMBER: "Amber: action due",
  GREEN: "Green: compliant",
  NO_DATA: "No data",
};

export default async function SitesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("register:read", "/sites");
  const query = siteListQuerySchema.parse(await searchParams);
  const organisations = await listSiteOrganisations(actor);
  const list = await listSites(actor, query);
  const current: Record<string, string | number | null> = {
    q: query.q,
    sensitivity: query.sensitivity,
    status: query.status,
    lifecycle: query.lifecycle === "active" ? null : query.lifecycle,
    organisation: query.organisation,
    sort: query.sort === "name" ? null : query.sort,
    dir: query.dir === "asc" ? null : query.dir,
  };
  const sortHead = (text: string, key: SiteSort, numeric = false): TableHeadCell => {
    const active = query.sort === key;
    const nextDir = active && query.dir === "asc" ? "desc" : "asc";
    return {
      text,
      numeric,
      sortHref: withQuery("/sites", current, { sort: key === "name" ? null : key, dir: nextDir === "asc" ? null : nextDir, page: null }),
      sort: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
    };
  };
  const pageHref = (n: number) => withQuery("/sites", current, { page: n === 1 ? null : n });
  const from = list.total === 0 ? 0 : (list.page - 1) * list.perPage + 1;
  const to = Math.min(list.page * list.perPage, list.total);

  return (
    <>
      <Heading level={1} size="l">
        Sites
      </Heading>
      {can(actor.role, "register:write") ? <ButtonLink href="/sites/new">Add a site</ButtonLink> : null}

      <form method="get" action="/sites" className="app-filters" role="search" aria-label="Filter sites">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <TextInput id="q" name="q" type="search" label="Search by name, code, town or postcode" defaultValue={query.q} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="sensitivity"
              name="sensitivity"
              label="Sensitivity"
              defaultValue={query.sensitivity ?? ""}
              options={[{ value: "", text: "Any" }, ...SENSITIVITIES.map((s) => ({ value: s, text: SENSITIVITY_LABELS[s] }))]}
            />
            <Select
              id="status"
              name="status"
              label="Status"
              defaultValue={query.status ?? ""}
              options={[{ value: "", text: "Any" }, ...SITE_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s] }))]}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="lifecycle"
              name="lifecycle"
              label="Active or archived"
              defaultValue={query.lifecycle}
              options={[
                { value: "active", text: "Active sites" },
                { value: "archived", text: "Archived sites" },
              ]}
            />
            {organisations.length > 1 ? (
              <Select
                id="organisation"
                name="organisation"
                label="Organisation"
                defaultValue={query.organisation ? String(query.organisation) : ""}
                options={[{ value: "", text: "All organisations" }, ...organisations.map((o) => ({ value: String(o.id), text: o.name }))]}
              />
            ) : null}
          </div>
        </div>
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>{" "}
        <a className="govuk-link govuk-body" href="/sites">
          Clear filters
        </a>
      </form>

      <p className="govuk-body" role="status">
        {list.total === 0 ? "No sites match." : `Showing ${from} to ${to} of ${list.total} ${list.total === 1 ? "site" : "sites"}`}
      </p>
      <Table
        caption={query.lifecycle === "archived" ? "Archived sites" : "Sites"}
        captionVisuallyHidden
        firstCellIsHeader
        head={[
          sortHead("Site", "name"),
          sortHead("Code", "code"),
          sortHead("Organisation", "organisation"),
          sortHead("Sensitivity", "sensitivity"),
          sortHead("Status", "status"),
          sortHead("Devices", "devices", true),
        ]}
        rows={list.rows.map((s) => [
          <span key="name">
            <a className="govuk-link" href={`/sites/${s.id}`}>
              {s.name}
            </a>
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
              {s.town}, {s.postcode}
            </span>
          </span>,
          s.siteCode,
          <abbr key="org" title={s.organisationName}>
            {s.organisationAcronym}
          </abbr>,
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
    </>
  );
}
