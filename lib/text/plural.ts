// Counts in words: "1 row", "2 rows", "1,200 devices". A count is never shown with the wrong form
// of its noun, whichever message or page writes it.

/** The noun for `count`: `one` for exactly 1, else `many` (by default `one` + "s"). */
export function pluralNoun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** "1 row", "0 rows", "12,345 rows": the count with thousands separators, then the right noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${pluralNoun(count, one, many)}`;
}
