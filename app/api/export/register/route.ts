import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/auth/errors";
import { exportRegister } from "@/lib/data/exports";
import { registerCsvStream, registerXlsxStream } from "@/lib/export/register";
import { todayInLondon } from "@/lib/platform/today";

export const dynamic = "force-dynamic";

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * GET /api/export/register?format=csv|xlsx&organisationId=12 — the register, streamed: one
 * organisation's, or every organisation in the user's scope. An organisation outside it is 404.
 */
export const GET = route("register:export", async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new AppError("INVALID", "format must be csv or xlsx");
  const orgParam = params.get("organisationId");
  let organisationId: number | null = null;
  if (orgParam !== null && orgParam !== "") {
    organisationId = /^\d{1,9}$/.test(orgParam) ? Number(orgParam) : NaN;
    if (!Number.isInteger(organisationId) || organisationId < 1) throw new AppError("NOT_FOUND", "Organisation not found");
  }
  const { label, pages } = await exportRegister(actor, organisationId, format);
  const date = todayInLondon();
  const filename = `camera-register-${label.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}-${date}.${format}`;
  const body = format === "csv" ? registerCsvStream(pages) : registerXlsxStream(pages, `Camera register ${label} ${date}`);
  return new Response(body, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
