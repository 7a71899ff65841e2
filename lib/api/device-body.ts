// A device's request bodies as the device forms' schemas read them (lib/validation/device.ts,
// exemption.ts), and the one shape every device action's route takes: the body's JSON types
// checked against the API document, then the form's own schema at the version If-Match names,
// then the data function the page's action calls, answered with the device as it now is.
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { bodyTypeErrors } from "@/lib/api/body-types";
import { etagOf } from "@/lib/api/etag";
import { apiRoute, pathId, requiredVersion } from "@/lib/api/handler";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import type { ApiRouteOptions } from "@/lib/api/route-options";
import { getApiDevice } from "@/lib/data/api-devices";
import type { Outcome } from "@/lib/data/outcome";
import { fieldErrors } from "@/lib/validation/field-errors";

/** The device as it now is, with its ETag. */
export async function deviceResponse(actor: Actor, id: number, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  const device = await getApiDevice(actor, id);
  return Response.json(device, { status, headers: { ...headers, ETag: etagOf(device.version) } });
}

/**
 * POST /api/v1/devices/{id}/<action>: `bodySchema` documents and type-checks the body, `formSchema`
 * is the page's form's schema, `change` the data function its action calls.
 */
export function deviceAction<S extends z.ZodType>(
  options: ApiRouteOptions,
  bodySchema: z.ZodType,
  record: string,
  formSchema: S,
  change: (actor: Actor, id: number, input: z.output<S>, version: number) => Promise<Outcome<{ id: number }>>,
) {
  return apiRoute<{ id: string }>(options, async ({ request, actor, params }) => {
    const id = pathId(params.id, "Device");
    const version = requiredVersion(request);
    const body = await readJsonObject(request);
    const wrongTypes = bodyTypeErrors(bodySchema, body, record);
    if (wrongTypes) return invalid(wrongTypes);
    const parsed = formSchema.safeParse({ ...body, version });
    if (!parsed.success) return invalid(fieldErrors(parsed.error));
    const outcome = await change(actor, id, parsed.data, version);
    if (!outcome.ok) return refusedChange(outcome.fieldErrors);
    return deviceResponse(actor, id);
  });
}
