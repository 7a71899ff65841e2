import { z } from "zod";
import { MIN_MODEL_PREFIX_LENGTH, normaliseBrand, normaliseModel } from "@/lib/compliance";
import {
  cleanText,
  enumField,
  hiddenIdField,
  idField,
  optionalEnum,
  optionalHiddenIdField,
  optionalIsoDate,
  optionalText,
  requiredText,
  versionField,
} from "@/lib/validation/fields";

export const CONFIDENCES = ["HIGH", "MEDIUM", "LOW"] as const;
export type ConfidenceValue = (typeof CONFIDENCES)[number];

export const CONFIDENCE_LABELS: Record<ConfidenceValue, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

const confidence = enumField(CONFIDENCES, "Select how confident the register is");
const source = requiredText("Enter the source of this entry", "Source", 500);

export const producerSchema = z.object({
  id: hiddenIdField,
  version: versionField,
  covered: z.enum(["yes", "no"], { error: "Select whether the producer is subject to the National Intelligence Law" }).transform((v) => v === "yes"),
  confidence,
  source,
  notes: optionalText("Notes", 1000),
});
export type ProducerInput = z.output<typeof producerSchema>;

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

export const brandSchema = z
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
    validUntil: optionalIsoDate("Valid until"),
    source,
    notes: optionalText("Notes", 1000),
  })
  .refine((v) => v.id === null || v.version !== null, { path: ["form"], message: "The form could not be read: reload the page and try again" });
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
