"use server";

import { boundId, formAction } from "@/lib/auth/action";
import { decommissionDevice, moveDevice, recordExemption, recordRemoval, revokeExemption, updateDevice } from "@/lib/data/devices";
import type { Outcome } from "@/lib/data/outcome";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { decommissionDeviceSchema, deviceEditSchema, moveDeviceSchema, removeDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema, revokeExemptionSchema } from "@/lib/validation/exemption";
import type { RegisterFormState } from "@/components/register/form-support";

type Refused = { fieldErrors: FieldErrors };

function settle(outcome: Outcome<{ id: number }>, to: string): Refused | { redirectTo: string } {
  return outcome.ok ? { redirectTo: to } : { fieldErrors: outcome.fieldErrors };
}

export async function updateDeviceAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof deviceEditSchema, Refused>("register:write", deviceEditSchema, async (input, actor) =>
    settle(await updateDevice(actor, boundId(id), input), `/devices/${id}?done=updated`),
  )(prev, formData);
}

export async function moveDeviceAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof moveDeviceSchema, Refused>("register:write", moveDeviceSchema, async (input, actor) =>
    settle(await moveDevice(actor, boundId(id), input), `/devices/${id}?done=moved`),
  )(prev, formData);
}

export async function decommissionDeviceAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof decommissionDeviceSchema, Refused>("register:write", decommissionDeviceSchema, async (input, actor) =>
    settle(await decommissionDevice(actor, boundId(id), input), `/devices/${id}?done=decommissioned`),
  )(prev, formData);
}

export async function removalAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof removeDeviceSchema, Refused>("register:write", removeDeviceSchema, async (input, actor) =>
    settle(await recordRemoval(actor, boundId(id), input), `/devices/${id}?done=removed`),
  )(prev, formData);
}

export async function exemptionAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof exemptionFormSchema, Refused>("register:write", exemptionFormSchema, async (input, actor) =>
    settle(await recordExemption(actor, boundId(id), input), `/devices/${id}?done=exempted`),
  )(prev, formData);
}

export async function revokeExemptionAction(id: number, exemptionId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof revokeExemptionSchema, Refused>("register:write", revokeExemptionSchema, async (input, actor) =>
    settle(await revokeExemption(actor, boundId(id), boundId(exemptionId), input), `/devices/${id}?done=exemption-revoked`),
  )(prev, formData);
}
