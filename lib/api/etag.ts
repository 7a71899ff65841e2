// Optimistic concurrency over HTTP: a record's ETag is its version, a change must say which
// version it was based on (If-Match), and a stale one is refused with 412 (RFC 9110 section 13).

export function etagOf(version: number): string {
  return `"${version}"`;
}

export type IfMatch = { kind: "missing" } | { kind: "invalid" } | { kind: "any" } | { kind: "version"; version: number };

/** The version an If-Match header names. A list or a weak tag cannot name one version: invalid. */
export function readIfMatch(request: Request): IfMatch {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "") return { kind: "missing" };
  const value = header.trim();
  if (value === "*") return { kind: "any" };
  const match = /^"([1-9]\d{0,9})"$/.exec(value);
  if (!match) return { kind: "invalid" };
  const version = Number(match[1]);
  return Number.isSafeInteger(version) && version <= 2_147_483_647 ? { kind: "version", version } : { kind: "invalid" };
}
