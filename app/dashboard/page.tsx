import type { Metadata } from "next";
import { InsetText, Pagination } from "@/components/govuk";
import { burnDownTableRows, dateLabel, trendTableRows } from "@/components/dashboard/chart-table-rows";
import { FiguresBasisLine } from "@/components/dashboard/figures-basis-line";
import { FiguresTable } from "@/components/dashboard/figures-table";
import { statusPresentation } from "@/components/govuk/status-tag";
import { BurnDownChart } from "@/components/dashboard/burn-down-chart";
import { ChartFigure } from "@/components/dashboard/chart-figure";
import { OrganisationFilters, SnapshotChooser } from "@/components/dashboard/dashboard-filters";
import { formatCount, formatDate } from "@/components/dashboard/format";
import { pageItems } from "@/components/register/format";
import { HeadlineFigures } from "@/components/dashboard/headline-figures";
import { OrganisationsTable } from "@/components/dashboard/organisations-table";
import { ReturnsSection } from "@/components/dashboard/returns-section";
import { statusFilterOf } from "@/components/returns/format";
import { StatusChart } from "@/components/dashboard/status-chart";
import { TrendChart } from "@/components/dashboard/trend-chart";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { dashboardSearch, getDashboard, ORG_TYPE_LABELS, parseDashboardQuery } from "@/lib/data/dashboard";
import { latestRoundStatuses } from "@/lib/data/returns";

export const metadata: Metadata = { title: "Cross-government dashboard" };

const BASE = "/dashboard";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const query = parseDashboardQuery(params);
  const actor = await requirePagePermission("dashboard:read", `${BASE}${dashboardSearch(query, { page: query.page })}`);
  const { figures, headline, charts, table, departments, snapshotDates, query: view } = await getDashboard(actor, query);
  const returns = await latestRoundStatuses(actor);
  const returnFilter = statusFilterOf(params.return);
  const linkOrganisations = can(actor.role, "dashboard:drilldown") || can(actor.role, "register:read");
  const deadlineText = formatDate(charts.deadline);
  const isSnapshot = figures.source === "snapshot";
  const exportSearch = dashboardSearch(view).replace(/^\?/, "&");
  const filterWords = [
    view.status ? statusPresentation(view.status).text : null,
    view.type ? ORG_TYPE_LABELS[view.type] : null,
    view.parent !== null ? (departments.find((d) => d.id === view.parent)?.name ?? null) : null,
  ].filter((w): w is string => w !== null);
  const pageHref = (page: number) => `${BASE}${dashboardSearch(view, { page })}#organisations`;
  const first = charts.burnDown[0];
  const last = charts.burnDown.at(-1);

  return (
    <>
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-xl">Security of Government Sites (HCWS386)</span>
        Cross-government compliance
      </h1>

      <FiguresBasisLine
        asOf={figures.asOf}
        source={figures.source}
        computedAt={figures.computedAt}
        id="figures-basis"
        className="govuk-body-l"
      />
      <SnapshotChooser query={view} dates={snapshotDates} basePath={BASE} />

      {figures.organisations.length === 0 ? (
        <InsetText>There are no compliance results to show yet.</InsetText>
      ) : null}

      <HeadlineFigures headline={headline} deadline={charts.deadline} />

      <h2 className="govuk-heading-l" id="charts">Charts</h2>
      <ChartFigure
        id="chart-status"
        title="Organisations by status"
        description={<p className="govuk-body">How many departments and agencies are red, amber, green or have no data.</p>}
        chart={
          <StatusChart
            data={charts.status.map((s) => ({ ...s, label: statusPresentation(s.status).text }))}
            label={`Bar chart of organisations by status: ${charts.status.map((s) => `${statusPresentation(s.status).text} ${formatCount(s.count)}`).join(", ")}.`}
          />
        }
        table={
          <FiguresTable
            caption="Organisations by status"
            head={[{ text: "Status" }, { text: "Organisations", numeric: true }]}
            rows={charts.status.map((s) => [statusPresentation(s.status).text, formatCount(s.count)])}
          />
        }
      />
      <ChartFigure
        id="chart-burn-down"
        title="Removal of covered equipment from controlled sites"
        description={
          <p className="govuk-body">
            Covered devices still on controlled sites and those removed, from the daily snapshots
            {charts.liveDate ? "; the last point is the live figures, the same as the headline above" : ""}. Each line has
            its own marker shape and is named at its end. The dashed vertical line marks the removal deadline of{" "}
            {deadlineText}.
          </p>
        }
        chart={
          <BurnDownChart
            points={charts.burnDown}
            deadline={charts.deadline}
            deadlineLabel={`Deadline ${deadlineText}`}
            label={
              first && last
                ? `Line chart: covered devices remaining on controlled sites went from ${formatCount(first.coveredRemaining)} on ${formatDate(first.date)} to ${formatCount(last.coveredRemaining)} on ${formatDate(last.date)}, and ${formatCount(last.coveredRemoved)} have been removed; removal deadline ${deadlineText}.`
                : "Line chart of covered devices remaining: no snapshots yet."
            }
          />
        }
        table={
          <FiguresTable
            caption="Covered devices on controlled sites, by date"
            head={[{ text: "Date" }, { text: "Remaining", numeric: true }, { text: "Removed", numeric: true }]}
            rows={burnDownTableRows(charts)}
            emptyText="No snapshots yet."
          />
        }
      />
      <ChartFigure
        id="chart-trend"
        title="Covered equipment remaining, by department"
        description={
          <p className="govuk-body">
            The {charts.trend.length} departments (with their agencies) with the most covered devices still on controlled
            sites. Each line has its own colour, dash pattern and marker shape, and is named at its end (departments that
            end on the same figure share a label); the dashed black line marks {deadlineText}. Every
            department&apos;s figures at every snapshot are on the Trend sheet of the{" "}
            <a className="govuk-link" href="/reports">spreadsheet report</a>.
          </p>
        }
        chart={
          <TrendChart
            series={charts.trend}
            deadline={charts.deadline}
            label={`Line chart of covered devices remaining on controlled sites, by department: ${charts.trend.map((s) => `${s.acronym} ${formatCount(s.points.at(-1)?.coveredRemaining ?? 0)}`).join(", ")}${last ? ` on ${formatDate(last.date)}` : ""}.`}
          />
        }
        table={
          <FiguresTable
            caption="Covered devices remaining on controlled sites, by department"
            head={[{ text: "Department" }, ...charts.trendTable.dates.map((d) => ({ text: dateLabel(charts, d), numeric: true }))]}
            rows={trendTableRows(charts)}
            emptyText="No department has covered equipment on controlled sites."
          />
        }
      />

      <ReturnsSection
        returns={returns}
        filter={returnFilter}
        keep={Object.fromEntries(new URLSearchParams(dashboardSearch(view, { page: view.page })))}
        basePath={BASE}
        linkReturns={can(actor.role, "returns:read")}
      />

      <h2 className="govuk-heading-l" id="organisations">Organisations</h2>
      <OrganisationFilters query={view} departments={departments} basePath={BASE} />
      <p className="govuk-body" id="organisations-shown">
        {table.total === 0
          ? `No organisations of ${formatCount(figures.organisations.length)} match`
          : table.pageCount === 1
            ? `Showing ${formatCount(table.total)} of ${formatCount(figures.organisations.length)} organisations`
            : `Showing organisations ${formatCount(table.from)} to ${formatCount(table.to)} of ${formatCount(table.total)}${table.total < figures.organisations.length ? ` matching (${formatCount(figures.organisations.length)} in all)` : ""}`}
        {filterWords.length > 0 ? ` (${filterWords.join(", ")})` : ""}.{" "}
        {view.sort === "name" ? "Agencies are listed under their department." : "Sorted by a figure: the list is flat."}
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${BASE}/export?format=csv${exportSearch}`} download>
            Download this table as CSV
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${BASE}/export?format=xlsx${exportSearch}`} download>
            Download this table as an Excel spreadsheet (XLSX)
          </a>
        </li>
      </ul>
      <OrganisationsTable
        rows={table.rows}
        query={view}
        basePath={BASE}
        linkOrganisations={linkOrganisations}
        caption={`Organisations as of ${formatDate(figures.asOf)}${table.pageCount > 1 ? `, page ${table.page} of ${table.pageCount}` : ""}`}
        snapshot={isSnapshot}
      />
      <Pagination
        label="Organisations pages"
        previousHref={table.page > 1 ? pageHref(table.page - 1) : undefined}
        nextHref={table.page < table.pageCount ? pageHref(table.page + 1) : undefined}
        pages={pageItems(table.page, table.pageCount, pageHref)}
      />
    </>
  );
}
