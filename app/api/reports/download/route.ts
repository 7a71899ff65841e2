import { AppError } from "@/lib/auth/errors";
import { route } from "@/lib/auth/route";
import { generateReport } from "@/lib/data/reports";
import { describeQueryProblems, reportQuerySchema } from "@/lib/reports/query";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/reports/download?format=pdf|xlsx|csv&asOf=YYYY-MM-DD|today&organisationId=N */
export const GET = route("reports:read", async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const parsed = reportQuerySchema.safeParse({
    format: params.get("format") ?? undefined,
    asOf: params.get("asOf") ?? undefined,
    organisationId: params.get("organisationId") ?? undefined,
  });
  if (!parsed.success) throw new AppError("INVALID", describeQueryProblems(parsed.error));
  const report = await generateReport(actor, parsed.data);
  return new Response(new Uint8Array(report.body), {
    status: 200,
    headers: {
      "Content-Type": report.contentType,
      "Content-Disposition": `attachment; filename="${report.filename}"`,
      "Content-Length": String(report.body.length),
      // The report is OFFICIAL-SENSITIVE: no shared or browser cache may keep a copy.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Report-SHA256": report.sha256,
    },
  });
});
