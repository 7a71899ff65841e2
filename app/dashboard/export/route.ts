import { route } from "@/lib/auth/route";
import { getDashboard, parseDashboardQuery, recordDashboardExport } from "@/lib/data/dashboard";
import { exportFileName, organisationsCsv, organisationsXlsx } from "@/lib/export/organisations-table";

// The organisations table as a file, with the same filters and order as the page it came from.
export const GET = route("dashboard:read", async (request, actor) => {
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (format !== "csv" && format !== "xlsx") {
    return Response.json({ error: "Choose CSV or XLSX" }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const { figures, rows, query } = await getDashboard(actor, parseDashboardQuery(Object.fromEntries(url.searchParams)));
  const filename = exportFileName(figures.asOf, format);
  const body = format === "csv" ? organisationsCsv(rows, figures.asOf) : new Uint8Array(await organisationsXlsx(rows, figures.asOf, figures.computedAt));
  await recordDashboardExport(actor, { format, filename, asOf: figures.asOf, source: figures.source, rows: rows.length, query });
  const headers = {
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  const contentType = format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return new Response(body, { headers: { ...headers, "Content-Type": contentType } });
});
