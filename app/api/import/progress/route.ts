import { route } from "@/lib/auth/route";
import { isProgressToken, readProgress } from "@/lib/import/progress";

export const dynamic = "force-dynamic";

/** GET /api/import/progress?token=… — how far the caller's own upload or confirmation has got. */
export const GET = route("register:write", async (request, actor) => {
  const token = new URL(request.url).searchParams.get("token");
  const progress = isProgressToken(token) ? readProgress(token, actor.id) : null;
  const body = progress
    ? { phase: progress.phase, done: progress.done, total: progress.total, batchId: progress.batchId }
    : { phase: "waiting", done: 0, total: null, batchId: null };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
