"use client";
// Client components only so the filters (a long list of departments) travel to the browser as
// data rather than as markup; they render on the server and work without JavaScript.
import { Button, Select } from "@/components/govuk";
import { statusPresentation } from "@/components/govuk/status-tag";
import type { DashboardQuery, DepartmentOption } from "@/lib/dashboard/query-types";
import { figuresBasisLabel } from "@/lib/reports/figures-basis";
import { ORG_STATUSES, ORG_TYPE_LABELS, ORG_TYPES } from "@/lib/validation/dashboard-options";

function Hidden({ name, value }: { name: string; value: string | number | null }) {
  return value === null || value === "" ? null : <input type="hidden" name={name} value={String(value)} />;
}

/** Chooses the date of the figures; keeps the table's filters and sort. Works without JavaScript. */
export function SnapshotChooser({ query, dates, basePath }: { query: DashboardQuery; dates: readonly string[]; basePath: string }) {
  return (
    <form method="get" action={basePath} className="flex flex-wrap items-end gap-x-4">
      <Select
        id="asOf"
        name="asOf"
        label="Show figures as of"
        hint="The live figures, or a daily snapshot"
        defaultValue={query.asOf ?? ""}
        options={[{ value: "", text: "Live figures" }, ...dates.map((d) => ({ value: d, text: figuresBasisLabel({ asOf: d, source: "snapshot" }) }))]}
      />
      <Hidden name="status" value={query.status} />
      <Hidden name="type" value={query.type} />
      <Hidden name="parent" value={query.parent} />
      {query.sort !== "name" ? <Hidden name="sort" value={query.sort} /> : null}
      <Hidden name="dir" value={query.dir} />
      <Button variant="secondary">Show figures</Button>
    </form>
  );
}

/** Filters for the organisations table. */
export function OrganisationFilters({
  query,
  departments,
  basePath,
}: {
  query: DashboardQuery;
  departments: DepartmentOption[];
  basePath: string;
}) {
  const anyFilter = query.status !== null || query.type !== null || query.parent !== null;
  const clearHref = query.asOf ? `${basePath}?asOf=${query.asOf}#organisations` : `${basePath}#organisations`;
  return (
    <form method="get" action={`${basePath}#organisations`} className="mb-6 border-l-4 border-[#b1b4b6] bg-[#f3f2f1] p-4">
      <h3 className="govuk-heading-s">Filter organisations</h3>
      <div className="flex flex-wrap items-end gap-x-6">
        <Select
          id="status"
          name="status"
          label="Status"
          defaultValue={query.status ?? ""}
          options={[{ value: "", text: "Any status" }, ...ORG_STATUSES.map((s) => ({ value: s, text: statusPresentation(s).text }))]}
        />
        <Select
          id="type"
          name="type"
          label="Type"
          defaultValue={query.type ?? ""}
          options={[{ value: "", text: "Any type" }, ...ORG_TYPES.map((t) => ({ value: t, text: ORG_TYPE_LABELS[t] }))]}
        />
        <Select
          id="parent"
          name="parent"
          label="Department"
          hint="The department and its agencies"
          defaultValue={query.parent === null ? "" : String(query.parent)}
          options={[{ value: "", text: "All departments" }, ...departments.map((d) => ({ value: String(d.id), text: `${d.name} (${d.acronym})` }))]}
        />
        <Hidden name="asOf" value={query.asOf} />
        {query.sort !== "name" ? <Hidden name="sort" value={query.sort} /> : null}
        <Hidden name="dir" value={query.dir} />
        <Button>Apply filters</Button>
      </div>
      {anyFilter ? (
        <p className="govuk-body govuk-!-margin-bottom-0">
          <a className="govuk-link" href={clearHref}>Clear filters</a>
        </p>
      ) : null}
    </form>
  );
}
