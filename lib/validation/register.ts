import { z } from "zod";
import { MIN_MODEL_PREFIX_LENGTH, normaliseBrand, normaliseModel } from "@/lib/compliance";
import {
  cleanText,
  enumField,
  hiddenIdField,
  idField,
  optionalEnum,
  optionalHiddenIdField,
  optionalText,
  requiredText,
  versionField,
} from "@/lib/validation/fields";
import { optionalDate, withDateParts } from "@/lib/validation/date-parts";

export const CONFIDENCES = ["HIGH", "MEDIUM", "LOW"] as const;
export type ConfidenceValue = (typeof CONFIDENCES)[number];

export const CONFIDENCE_LABELS: Record<ConfidenceValue, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

const confidence = enumField(CONFIDENCES, "Select how confident the register is");
const source = requiredText("Enter the title of the public document this entry rests on", "Source", 500);

const URL_EXAMPLE = "like https://www.gov.uk/government/publications";

/**
 * Where anyone can read the source: an http or https address with a host and no credentials,
 * stored as the browser would write it. Blank is null where the address is optional.
 */
export function sourceUrlField(required: boolean) {
  return cleanText("Web address of the source")
    .pipe(z.string().max(500, "Web address of the source must be 500 characters or fewer"))
    .transform((s, ctx) => {
      if (s === "") {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the web address of the source, ${URL_EXAMPLE}` });
        return null;
      }
      let url: URL | null = null;
      try {
        // "www.gov.uk/…" as people often copy it: the secure scheme is assumed.
        url = new URL(/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(s) ? `https://${s}` : s);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname.includes(".") || url.username || url.password) {
        ctx.addIssue({ code: "custom", message: `Enter a web address starting with https://, ${URL_EXAMPLE}` });
        return null;
      }
      return url.href;
    });
}

const covered = z
  .enum(["yes", "no"], { error: "Select whether the producer is subject to the National Intelligence Law" })
  .transform((v) => v === "yes");

export const producerSchema = z.object({
  id: hiddenIdField,
  version: versionField,
  covered,
  confidence,
  source,
  sourceUrl: sourceUrlField(false),
  notes: optionalText("Notes", 1000),
});
export type ProducerInput = z.output<typeof producerSchema>;

/** A producer added to the register: its name, whether it is covered, and the public document that says so. */
export const newProducerSchema = z.object({
  name: requiredText("Enter the producer’s name", "Producer name", 100).refine(
    (v) => v === "" || normaliseBrand(v) !== "",
    "Producer name must contain letters or numbers",
  ),
  legalName: optionalText("Legal name", 200),
  covered,
  confidence,
  source,
  sourceUrl: sourceUrlField(true),
  notes: optionalText("Notes", 1000),
});
export type NewProducerInput = z.output<typeof newProducerSchema>;

/** "HiLook, Hi-Look ,," → ["HiLook", "Hi-Look"]: blanks and repeats (by normalised form) dropped. */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const alias = raw.trim();
    const key = normaliseBrand(alias);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

const brandFields = z
  .object({
    // Both empty for a new brand.
    id: optionalHiddenIdField,
    version: optionalHiddenIdField,
    producerId: idField("Select the producer"),
    name: requiredText("Enter the brand name", "Brand name", 100).refine((v) => normaliseBrand(v) !== "", "Brand name must contain letters or numbers"),
    aliases: cleanText("Other names")
      .pipe(z.string().max(1000, "Other names must be 1000 characters or fewer"))
      .transform((v) => parseAliases(v)),
    confidence,
    validUntil: optionalDate({ label: "Valid until" }),
    source,
    sourceUrl: sourceUrlField(false),
    notes: optionalText("Notes", 1000),
  })
  .refine((v) => v.id === null || v.version !== null, { path: ["form"], message: "The form could not be read: reload the page and try again" });
/** The valid-until date is entered as day, month and year (lib/validation/date-parts.ts). */
export const brandSchema = withDateParts(["validUntil"], brandFields);
export type BrandInput = z.output<typeof brandSchema>;

/** A model number prefix that identifies a producer's equipment (DOMAIN.md §4), such as "DS-2CD". */
export const modelPrefixSchema = z.object({
  producerId: idField("The producer could not be identified: reload the page"),
  prefix: requiredText("Enter the model prefix", "Model prefix", 40).refine(
    (v) => v === "" || normaliseModel(v).length >= MIN_MODEL_PREFIX_LENGTH,
    `Model prefix must have at least ${MIN_MODEL_PREFIX_LENGTH} letters or numbers`,
  ),
  brand: optionalText("Brand", 100),
  // Empty: as sure as the producer (and the brand, when one is chosen).
  confidence: optionalEnum(CONFIDENCES, "Select how confident the register is"),
});
export type ModelPrefixInput = z.output<typeof modelPrefixSchema>;

export const removeModelPrefixSchema = z.object({ id: hiddenIdField });
