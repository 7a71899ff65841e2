import type { DashboardCharts } from "@/lib/dashboard/query-types";
import { formatCount, formatDate } from "./format";

// The chart tables' cells, formatted once per set of figures: the figures are shared between
// requests while the database is unchanged (lib/data/read-cache.ts), and formatting dozens of
// dates and numbers on every request of a busy dashboard is wasted work.
const cache = new WeakMap<DashboardCharts, { burnDown: string[][]; trend: string[][] }>();

function rowsOf(charts: DashboardCharts) {
  let rows = cache.get(charts);
  if (!rows) {
    rows = {
      burnDown: [...charts.burnDown].reverse().map((p) => [
        dateLabel(charts, p.date),
        formatCount(p.coveredRemaining),
        formatCount(p.coveredRemoved),
      ]),
      trend: charts.trendTable.rows.map((r) => [r.acronym, ...r.values.map((v) => (v === null ? "No data" : formatCount(v)))]),
    };
    cache.set(charts, rows);
  }
  return rows;
}

/** "1 December 2026 (live)", "30 April 2025 (removal deadline)" or just the date. */
export function dateLabel(charts: Pick<DashboardCharts, "liveDate" | "deadline">, date: string): string {
  if (date === charts.liveDate) return `${formatDate(date)} (live)`;
  return `${formatDate(date)}${date === charts.deadline ? " (removal deadline)" : ""}`;
}

/** Newest first: date, remaining, removed. */
export function burnDownTableRows(charts: DashboardCharts): string[][] {
  return rowsOf(charts).burnDown;
}

/** One row a charted department: acronym, then the remaining figure at each of the table's dates. */
export function trendTableRows(charts: DashboardCharts): string[][] {
  return rowsOf(charts).trend;
}
