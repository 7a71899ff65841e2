// Reading a page's query string. Lenient on purpose: a bad or hostile value shows the default view
// rather than an error, since links and bookmarks are the only way these values arrive.
import { z } from "zod";
import { stripUnsafeText } from "@/lib/validation/text";

/** Next.js hands pages their search parameters as an object that is not a plain one (in development, a proxy). */
export const searchParamsRecord = z.preprocess(
  (v) => (v !== null && typeof v === "object" ? { ...v } : {}),
  z.record(z.string(), z.union([z.string(), z.array(z.string()), z.undefined()])),
);

export const firstOf = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function pickOne<T extends string>(values: readonly T[], v: string | string[] | undefined): T | null {
  const value = firstOf(v);
  return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** A page number from 1 up, capped so that no offset can overflow. */
export function pageNumber(v: string | string[] | undefined): number {
  const page = Number(firstOf(v));
  return Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1;
}

/** Free text to search for: printable, trimmed, at most `max` characters. */
export function searchText(v: string | string[] | undefined, max = 100): string {
  return stripUnsafeText(String(firstOf(v) ?? "")).trim().slice(0, max);
}
