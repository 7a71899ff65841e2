/**
 * A word to find inside text with Prisma's `contains`, which becomes LIKE '%word%' without escaping
 * LIKE's own wildcards: a search for "%" would find every row and "_" any character.
 */
export function containsWord(word: string) {
  return { contains: word.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const };
}
