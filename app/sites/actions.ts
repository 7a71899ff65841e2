"use server";

import { boundId, formAction } from "@/lib/auth/action";
import type { Outcome } from "@/lib/data/outcome";
import { archiveSite, createSite, updateSite } from "@/lib/data/sites";
import { createCameraSystem, removeCameraSystem, updateCameraSystem } from "@/lib/data/camera-systems";
import { createDevice } from "@/lib/data/devices";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { archiveSiteSchema, siteEditSchema, siteFormSchema } from "@/lib/validation/site";
import { cameraSystemEditSchema, cameraSystemFormSchema, cameraSystemRemoveSchema } from "@/lib/validation/camera-system";
import { deviceFormSchema } from "@/lib/validation/device";
import type { RegisterFormState } from "@/components/register/form-support";

type Refused = { fieldErrors: FieldErrors };

function settle(outcome: Outcome<{ id: number }>, to: (id: number) => string): Refused | { redirectTo: string } {
  return outcome.ok ? { redirectTo: to(outcome.value.id) } : { fieldErrors: outcome.fieldErrors };
}

const create = formAction<typeof siteFormSchema, Refused>("register:write", siteFormSchema, async (input, actor) =>
  settle(await createSite(actor, input), (id) => `/sites/${id}?done=created`),
);

export async function createSiteAction(prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return create(prev, formData);
}

export async function updateSiteAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof siteEditSchema, Refused>("register:write", siteEditSchema, async (input, actor) =>
    settle(await updateSite(actor, boundId(id), input), (siteId) => `/sites/${siteId}?done=updated`),
  )(prev, formData);
}

export async function archiveSiteAction(id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof archiveSiteSchema, Refused>("register:write", archiveSiteSchema, async (input, actor) =>
    settle(await archiveSite(actor, boundId(id), input), (siteId) => `/sites/${siteId}?done=archived`),
  )(prev, formData);
}

export async function createDeviceAction(siteId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof deviceFormSchema, Refused>("register:write", deviceFormSchema, async (input, actor) =>
    settle(await createDevice(actor, boundId(siteId), input), (id) => `/devices/${id}?done=created`),
  )(prev, formData);
}

export async function createCameraSystemAction(siteId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof cameraSystemFormSchema, Refused>("register:write", cameraSystemFormSchema, async (input, actor) =>
    settle(await createCameraSystem(actor, boundId(siteId), input), () => `/sites/${siteId}?done=system-created`),
  )(prev, formData);
}

export async function updateCameraSystemAction(siteId: number, id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof cameraSystemEditSchema, Refused>("register:write", cameraSystemEditSchema, async (input, actor) =>
    settle(await updateCameraSystem(actor, boundId(siteId), boundId(id), input), () => `/sites/${siteId}?done=system-updated`),
  )(prev, formData);
}

export async function removeCameraSystemAction(siteId: number, id: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return formAction<typeof cameraSystemRemoveSchema, Refused>("register:write", cameraSystemRemoveSchema, async (input, actor) =>
    settle(await removeCameraSystem(actor, boundId(siteId), boundId(id), input), () => `/sites/${siteId}?done=system-removed`),
  )(prev, formData);
}
