import { route } from "@/lib/auth/route";
import { isProgressToken, readProgress } from "@/lib/import/progress";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/import/progress?token=… — how far the caller's own upload or confirmation has got, on
 * whichever server process checks it. Someone else's token reads as not started, as an unknown one.
 */
export const GET = route("register:write", async (request, actor) => {
  const token = new URL(request.url).searchParams.get("token");
  if (!isProgressToken(token)) return Response.json({ error: "The progress token is not valid" }, { status: 400, headers: NO_STORE });
  const progress = await readProgress(token, actor.id);
  const body = progress
    ? { phase: progress.phase, done: progress.done, total: progress.total, batchId: progress.batchId }
    : { phase: "waiting", done: 0, total: null, batchId: null };
  return Response.json(body, { headers: NO_STORE });
});
