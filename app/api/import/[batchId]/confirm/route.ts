import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/auth/errors";
import { confirmImportBatch } from "@/lib/data/imports";
import { isProgressToken } from "@/lib/import/progress";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

const PROBLEMS: Record<string, string> = {
  CONFLICT: "conflict",
  INVALID: "invalid",
};

/**
 * POST /api/import/{batchId}/confirm — applies a previewed upload. The page's script asks for JSON;
 * a plain form post is redirected back to the batch page, which then shows the outcome.
 */
export const POST = route<{ batchId: string }>("register:write", async (request, actor, { batchId }) => {
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const t = request.headers.get("x-progress-token");
  const token = isProgressToken(t) ? t : null;
  const location = `/import/${encodeURIComponent(batchId)}`;
  try {
    await confirmImportBatch(actor, batchId, token);
  } catch (error) {
    if (error instanceof AppError && PROBLEMS[error.code]) {
      if (wantsJson) return Response.json({ error: error.message }, { status: error.status, headers: { "Cache-Control": "no-store" } });
      return new Response(null, { status: 303, headers: { Location: `${location}?problem=${encodeURIComponent(error.message.startsWith("This file has already") ? "applied" : error.message.startsWith("This upload has expired") ? "expired" : error.code === "INVALID" ? "errors" : "changed")}` } });
    }
    throw error;
  }
  if (wantsJson) return Response.json({ batchId, location }, { headers: { "Cache-Control": "no-store" } });
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
});
