import { z } from "zod";
import { isIsoDate, MIN_MODEL_PREFIX_LENGTH, normaliseBrand, normaliseModel } from "@/lib/compliance";

export const CONFIDENCES = ["HIGH", "MEDIUM", "LOW"] as const;
export type ConfidenceValue = (typeof CONFIDENCES)[number];

export const CONFIDENCE_LABELS: Record<ConfidenceValue, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

const id = z.string().trim().regex(/^\d+$/, "The record could not be identified: reload the page").transform(Number);
const version = z.string().trim().regex(/^\d+$/, "Reload the page and try again").transform(Number);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));

export const producerSchema = z.object({
  id,
  version,
  covered: z.enum(["yes", "no"], { error: "Select whether the producer is subject to the National Intelligence Law" }).transform((v) => v === "yes"),
  confidence: z.enum(CONFIDENCES, { error: "Select how confident the register is" }),
  source: z.string().trim().min(1, "Enter the source of this entry").max(500, "Source must be 500 characters or fewer"),
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
    // Empty for a new brand.
    id: z
      .string()
      .trim()
      .regex(/^\d*$/, "The record could not be identified: reload the page")
      .optional()
      .transform((v) => (v ? Number(v) : null)),
    version: z
      .string()
      .trim()
      .regex(/^\d*$/, "Reload the page and try again")
      .optional()
      .transform((v) => (v ? Number(v) : null)),
    producerId: z.string({ error: "Select the producer" }).trim().regex(/^\d+$/, "Select the producer").transform(Number),
    name: z
      .string()
      .trim()
      .min(1, "Enter the brand name")
      .max(100, "Brand name must be 100 characters or fewer")
      .refine((v) => normaliseBrand(v) !== "", "Brand name must contain letters or numbers"),
    aliases: z
      .string()
      .max(1000, "Other names must be 1000 characters or fewer")
      .optional()
      .transform((v) => parseAliases(v ?? "")),
    confidence: z.enum(CONFIDENCES, { error: "Select how confident the register is" }),
    validUntil: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isIsoDate(v), "Valid until must be a real date")
      .transform((v) => (v ? v : null)),
    source: z.string().trim().min(1, "Enter the source of this entry").max(500, "Source must be 500 characters or fewer"),
    notes: optionalText("Notes", 1000),
  })
  .refine((v) => v.id === null || v.version !== null, { path: ["form"], message: "Reload the page and try again" });
export type BrandInput = z.output<typeof brandSchema>;

/** A model number prefix that identifies a producer's equipment (DOMAIN.md §4), such as "DS-2CD". */
export const modelPrefixSchema = z.object({
  producerId: z.string().trim().regex(/^\d+$/, "The producer could not be identified: reload the page").transform(Number),
  prefix: z
    .string()
    .trim()
    .min(1, "Enter the model prefix")
    .max(40, "Model prefix must be 40 characters or fewer")
    .refine((v) => v === "" || normaliseModel(v).length >= MIN_MODEL_PREFIX_LENGTH, `Model prefix must have at least ${MIN_MODEL_PREFIX_LENGTH} letters or numbers`),
  brand: optionalText("Brand", 100),
  // Empty: as sure as the producer (and the brand, when one is chosen).
  confidence: z
    .union([z.literal(""), z.enum(CONFIDENCES)], { error: "Select how confident the register is" })
    .optional()
    .transform((v) => (v ? v : null)),
});
export type ModelPrefixInput = z.output<typeof modelPrefixSchema>;

export const removeModelPrefixSchema = z.object({ id });
