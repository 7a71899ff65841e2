"use server";

import { z } from "zod";
import { boundId, formAction } from "@/lib/auth/action";
import { chooseColumns } from "@/lib/data/discovery";
import { addHostsToRegister, dismissHost, type AdditionCells } from "@/lib/data/discovery-actions";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { ADDITION_FIELDS, dismissHostSchema, hostSelectionSchema } from "@/lib/validation/discovery";
import { vmsMappingSchema } from "@/lib/validation/discovery-mapping";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import { stripUnsafeText } from "@/lib/validation/text";
import type { RegisterFormState } from "@/components/register/form-support";

type Refused = { fieldErrors: FieldErrors };

export async function dismissHostAction(scanId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof dismissHostSchema, Refused>("register:write", dismissHostSchema, async (input, actor) => {
    const id = boundId(scanId);
    const outcome = await dismissHost(actor, id, input);
    return outcome.ok ? { redirectTo: `/discovery/${id}?view=unrecorded&done=dismissed` } : { fieldErrors: outcome.fieldErrors };
  })(prev, formData);
}

/** The product a camera list was recognised as: only a label kept with the mapping, so text, bounded. */
function productOf(formData: FormData): string | null {
  const raw = formData instanceof FormData ? formData.get("product") : null;
  const product = typeof raw === "string" ? stripUnsafeText(raw).slice(0, 100) : "";
  return product === "" ? null : product;
}

export async function chooseColumnsAction(scanId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  const product = productOf(formData);
  return formAction<typeof vmsMappingSchema, Refused>("register:write", vmsMappingSchema, async (mapping, actor) => {
    const id = boundId(scanId);
    const outcome = await chooseColumns(actor, id, mapping, product);
    // A refused list goes to its page too, which lists every problem in it.
    return outcome.ok ? { redirectTo: `/discovery/${id}` } : { fieldErrors: { form: outcome.message } };
  })(prev, formData);
}

/**
 * The review form posts `<field>-<host id>` for each host, and the host ids again as `host`. Each
 * value is bounded here only against abuse; the import checks every cell as it checks a file's.
 */
const additionFormSchema = z.record(z.string(), z.string().max(5_000, "This answer is too long"));

export async function addHostsAction(scanId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  // formAction keeps one value per name, so the repeated `host` is read here.
  const picked = formData instanceof FormData ? formData.getAll("host").map((v) => (typeof v === "string" ? v : "")) : [];
  return formAction<typeof additionFormSchema, Refused>("register:write", additionFormSchema, async (values, actor) => {
    const id = boundId(scanId);
    const hosts = hostSelectionSchema.safeParse(picked);
    if (!hosts.success) return { fieldErrors: { form: hosts.error.issues[0]?.message ?? MALFORMED_FORM } };
    const entries = [...new Set(hosts.data)].map((hostId) => ({
      hostId,
      cells: Object.fromEntries(ADDITION_FIELDS.map((f) => [f, values[`${f}-${hostId}`] ?? ""])) as AdditionCells,
    }));
    const outcome = await addHostsToRegister(actor, id, entries);
    return outcome.ok ? { redirectTo: `/discovery/${id}?view=matched&done=added` } : { fieldErrors: outcome.fieldErrors };
  })(prev, formData);
}
