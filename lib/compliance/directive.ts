/**
 * The words of HCWS386 as reported (DOMAIN.md §1). Kept verbatim in one place so that every rule
 * cites the same text and a reviewer can check the engine against the statement itself.
 */

export const CITATION = "HCWS386, 24 November 2022";

export const DIRECTIVE_POINTS = {
  1: "Departments are instructed to cease deployment of visual surveillance equipment onto sensitive sites where it is produced by companies subject to the National Intelligence Law of the People's Republic of China.",
  2: "Departments are advised that no such equipment should be connected to departmental core networks.",
  3: "Departments should consider removing and replacing such equipment where it is deployed on sensitive sites, rather than waiting for scheduled upgrades.",
  4: "Departments should consider whether sites outside the definition of sensitive should have the same controls applied.",
} as const;

export function quotePoint(point: keyof typeof DIRECTIVE_POINTS): string {
  return `Point ${point} (${CITATION}): "${DIRECTIVE_POINTS[point]}"`;
}
