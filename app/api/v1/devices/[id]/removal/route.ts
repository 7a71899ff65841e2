import { deviceAction } from "@/lib/api/device-body";
import { RECORD_REMOVAL } from "@/lib/api/openapi/paths/devices";
import { RemovalInputSchema } from "@/lib/api/schemas/device";
import { recordRemoval } from "@/lib/data/devices";
import { removeDeviceSchema } from "@/lib/validation/device";

export const POST = deviceAction(RECORD_REMOVAL, RemovalInputSchema, "a removal", removeDeviceSchema, (actor, id, input) => recordRemoval(actor, id, input));
