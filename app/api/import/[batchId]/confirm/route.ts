import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/auth/errors";
import { confirmImportBatch } from "@/lib/data/imports";
import { LIMIT_MESSAGES } from "@/lib/import/limits";
import { isProgressToken } from "@/lib/import/progress";
import { logger } from "@/lib/platform/log";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

const FAILED = "The import could not be applied, and nothing has been saved: try again, and contact the service desk if it keeps happening";

/** Which notice the batch page shows after a plain form post (a code, never free text). */
function problemCode(error: AppError | null): string {
  if (!error) return "failed";
  if (error.code === "INVALID") return "errors";
  if (error.message.startsWith("This file has already")) return "applied";
  if (error.message.startsWith("This upload has expired")) return "expired";
  if (error.message === LIMIT_MESSAGES.busyYou || error.message === LIMIT_MESSAGES.busyService) return "busy";
  return "changed";
}

/**
 * POST /api/import/{batchId}/confirm — applies a previewed upload. The page's script asks for JSON;
 * a plain form post is redirected back to the batch page, which then shows the outcome. Whatever
 * goes wrong, the answer says so in words: the transaction has rolled back, so nothing was saved.
 */
export const POST = route<{ batchId: string }>("register:write", async (request, actor, { batchId }) => {
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const t = request.headers.get("x-progress-token");
  const token = isProgressToken(t) ? t : null;
  const location = `/import/${encodeURIComponent(batchId)}`;
  try {
    await confirmImportBatch(actor, batchId, token);
  } catch (error) {
    const known = error instanceof AppError ? error : null;
    // Not found and forbidden keep their own answers (the route wrapper's 404 and 403).
    if (known && (known.code === "NOT_FOUND" || known.code === "FORBIDDEN" || known.code === "UNAUTHENTICATED")) throw known;
    if (!known) logger().error({ batchId, error: error instanceof Error ? error.name : "unknown error" }, "import confirmation failed");
    if (wantsJson) {
      return Response.json({ error: known?.message ?? FAILED }, { status: known?.status ?? 500, headers: { "Cache-Control": "no-store" } });
    }
    return new Response(null, { status: 303, headers: { Location: `${location}?problem=${problemCode(known)}`, "Cache-Control": "no-store" } });
  }
  if (wantsJson) return Response.json({ batchId, location }, { headers: { "Cache-Control": "no-store" } });
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
});
