export async function register() {
  // Only in the Node.js server runtime: the edge runtime has no database access.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: an upload being checked when the last server process stopped is
  // still on disk, and nobody will come back for it.
  const { removeLeftoverUploads } = await import("@/lib/import/upload-files");
  const removed = await removeLeftoverUploads().catch(() => 0);
  if (removed > 0) console.log(`[imports] removed ${removed} upload file${removed === 1 ? "" : "s"} left by a previous run`);
}
