// Return rounds and a department's answers: the forms, and the API if it ever takes them.
import { z } from "zod";
import { standardDeclaration, STANDARD_DECLARATIONS } from "@/lib/returns/declarations";
import { requiredDate, withDateParts } from "@/lib/validation/date-parts";
import { optionalText, requiredText } from "@/lib/validation/fields";

/**
 * Ticked boxes arrive as one field each (`declaration-<id>`, `department-<id>`), since a form's
 * values reach the schema as one value per name: this gathers them into lists.
 */
function gatherTicks(input: unknown): unknown {
  if (input === null || typeof input !== "object") return input;
  const values = input as Record<string, unknown>;
  const declarations: string[] = [];
  const departments: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value !== "yes") continue;
    if (key.startsWith("declaration-")) declarations.push(key.slice("declaration-".length));
    if (key.startsWith("department-")) departments.push(key.slice("department-".length));
  }
  return { ...values, declarations, departments };
}

export const ROUND_DEPARTMENTS_MAX = 1000;

const roundObject = withDateParts(
  ["asOf", "dueOn"],
  z
    .object({
      name: requiredText("Enter a name for the round", "Name", 120),
      asOf: requiredDate({ label: "As-of date", missing: "Enter the date the figures are as of" }),
      dueOn: requiredDate({ label: "Due date", missing: "Enter the date returns are due" }),
      declarations: z
          .array(z.string().max(60))
          .max(STANDARD_DECLARATIONS.length)
          .refine((ids) => ids.every((id) => standardDeclaration(id) !== undefined), "Select statements from the list")
          .refine((ids) => ids.length > 0, "Select at least one statement for departments to confirm"),
      // Empty: every department.
      departments: z
          .array(z.string().regex(/^[1-9]\d{0,8}$/, "Select departments from the list"))
          .max(ROUND_DEPARTMENTS_MAX, "Select fewer departments")
          .transform((ids) => [...new Set(ids.map(Number))]),
    })
    .superRefine((v, ctx) => {
      if (v.asOf !== "" && v.dueOn !== "" && v.dueOn < v.asOf) {
        ctx.addIssue({ code: "custom", path: ["dueOn"], message: "Due date must be on or after the as-of date" });
      }
    }, { when: (p) => !p.issues.some((i) => i.path?.[0] === "asOf" || i.path?.[0] === "dueOn") }),
);
/** Opening a round: name, dates, the statements asked (ticked `declaration-<id>`) and the
 * departments covered (ticked `department-<id>`; none ticked means every department). */
export const roundFormSchema = z.preprocess(gatherTicks, roundObject);
export type RoundInput = z.output<typeof roundFormSchema>;

export const ANSWER_DETAILS_MAX = 2000;
export const RETURN_COMMENT_MAX = 4000;

/** The answers to the round's statements, as `answer-<id>` and `details-<id>` fields. */
export function answersSchema(declarationIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {
    comment: optionalText("Comment", RETURN_COMMENT_MAX),
  };
  for (const id of declarationIds) {
    shape[`answer-${id}`] = z.enum(["yes", "no"], { error: "Select yes or no" }).optional();
    shape[`details-${id}`] = optionalText("Details", ANSWER_DETAILS_MAX);
  }
  return z.object(shape);
}

/** Attesting needs every statement answered, details for each "no", the figures seen and a tick. */
export function attestationSchema(declarationIds: readonly string[]) {
  return answersSchema(declarationIds)
    .extend({
      figuresHash: z.string().regex(/^[0-9a-f]{64}$/, "The figures could not be checked: review them again"),
      confirm: z.literal("yes", { error: "Confirm that you have reviewed the figures and the answers are true" }),
    })
    // Runs even when another field failed, so the page lists every problem at once.
    .superRefine((v, ctx) => {
      const values = (v ?? {}) as Record<string, unknown>;
      for (const id of declarationIds) {
        const answer = values[`answer-${id}`];
        if (answer !== "yes" && answer !== "no") {
          if (!ctx.issues?.some((i) => i.path?.[0] === `answer-${id}`)) ctx.addIssue({ code: "custom", path: [`answer-${id}`], message: "Select yes or no" });
        }
        const details = values[`details-${id}`];
        if (answer === "no" && (typeof details !== "string" || details === "")) {
          ctx.addIssue({ code: "custom", path: [`details-${id}`], message: "List what is excepted" });
        }
      }
    }, { when: () => true });
}
