import { route } from "@/lib/auth/route";
import { isIsoDate } from "@/lib/compliance";
import { getDashboard, parseDashboardQuery, recordDashboardExport } from "@/lib/data/dashboard";
import { latestRoundStatuses } from "@/lib/data/returns";
import { exportFileName, organisationsCsv, organisationsXlsx } from "@/lib/export/organisations-table";

function refuse(error: string, status = 422): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

// The organisations table as a file, with the same filters and order as the page it came from.
export const GET = route("dashboard:read", async (request, actor) => {
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (format !== "csv" && format !== "xlsx") {
    return refuse("Choose CSV or XLSX", 400);
  }
  // The page shows today's figures for a date it has no snapshot of; a file must be what was asked for.
  const asOf = url.searchParams.get("asOf");
  if (asOf !== null && asOf !== "" && !isIsoDate(asOf)) return refuse("As-of date must be a real date, like 2025-03-31");
  const { figures, rows, query } = await getDashboard(actor, parseDashboardQuery(Object.fromEntries(url.searchParams)));
  if (asOf !== null && asOf !== "" && query.asOf !== asOf) return refuse("As-of date must be the date of a snapshot shown on the dashboard");
  const filename = exportFileName(figures.asOf, format);
  const returns = await latestRoundStatuses(actor);
  const body = format === "csv" ? organisationsCsv(rows, figures, returns) : new Uint8Array(await organisationsXlsx(rows, figures, returns));
  await recordDashboardExport(actor, { format, filename, asOf: figures.asOf, source: figures.source, rows: rows.length, query });
  const headers = {
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  const contentType = format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return new Response(body, { headers: { ...headers, "Content-Type": contentType } });
});
