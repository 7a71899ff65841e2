export async function register() {
  // Only in the Node.js server runtime: the edge runtime has no database access.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: uploads being checked by a server process that has since died (on
  // this machine) are still on disk, and nobody will come back for them. Other processes may be
  // checking uploads as this one starts, so only the directories of dead ones are cleared.
  const { removeLeftoverUploads } = await import("@/lib/import/upload-files");
  const removed = await removeLeftoverUploads().catch(() => 0);
  if (removed > 0) {
    const { logger } = await import("@/lib/platform/log");
    logger().info({ removed }, `removed ${removed} upload file${removed === 1 ? "" : "s"} left by a stopped server process`);
  }
}
