// Cursor pagination in a stable order (ascending id): a cursor names the last id of the page
// before, so records added or removed meanwhile never shift a page or repeat one. The cursor is
// opaque to clients (base64url JSON) so its form can change without breaking them.
import { z } from "zod";
import { ApiRefusal } from "@/lib/api/refusal";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  limit: number;
  /** Records after this id; null for the first page. */
  after: number | null;
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number("limit must be a whole number").int("limit must be a whole number").min(1, "limit must be at least 1").max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(200, "cursor is not one this API gave").optional(),
});

export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ a: lastId }), "utf8").toString("base64url");
}

/** The id a cursor names, or null for one this API did not give. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    const after = (value as { a?: unknown } | null)?.a;
    return typeof after === "number" && Number.isSafeInteger(after) && after >= 0 ? after : null;
  } catch {
    return null;
  }
}

export interface Page<T> {
  items: T[];
  /** The cursor for the next page, or null on the last. */
  nextCursor: string | null;
}

/** Given limit + 1 rows fetched in id order, the page and the cursor after it. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
}

/** The page asked for; a cursor this API did not give is a 400. */
export function pageRequest(query: { limit: number; cursor?: string | undefined }): PageRequest {
  if (query.cursor === undefined) return { limit: query.limit, after: null };
  const after = decodeCursor(query.cursor);
  if (after === null) throw new ApiRefusal(400, "cursor is not one this API gave: use the nextCursor of the page before", undefined, [{ parameter: "cursor", detail: "cursor is not one this API gave" }]);
  return { limit: query.limit, after };
}
