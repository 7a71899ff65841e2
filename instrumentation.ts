export async function register() {
  // Only in the Node.js server runtime: the edge runtime has no database access.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailyEvaluation } = await import("@/lib/data/daily-evaluation");
  const { db } = await import("@/lib/db");
  scheduleDailyEvaluation(db);
}
