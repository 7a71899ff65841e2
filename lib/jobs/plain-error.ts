// What a failed job's record says: one plain sentence for the people who read the job's page,
// never a stack trace or a raw database message.

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08000", "08003", "08006"]);

export function plainError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : undefined;
  if (code && CONNECTION_CODES.has(code)) return "The database could not be reached while the work was running.";
  if (code === "40P01") return "The work was held up by other changes to the same records (a deadlock).";
  // Any other PostgreSQL error (five-character SQLSTATE): its text is not written for people.
  if (code && /^[0-9A-Z]{5}$/.test(code)) return `The database refused part of the work (error code ${code}).`;
  const message = typeof e?.message === "string" ? e.message : String(error);
  const first = message.split("\n")[0]!.trim();
  if (!first) return "The work stopped with an error that gave no description.";
  return first.length > 300 ? `${first.slice(0, 297)}…` : first;
}
