import { deviceAction } from "@/lib/api/device-body";
import { DECOMMISSION_DEVICE } from "@/lib/api/openapi/paths/devices";
import { DecommissionInputSchema } from "@/lib/api/schemas/device";
import { decommissionDevice } from "@/lib/data/devices";
import { decommissionDeviceSchema } from "@/lib/validation/device";

export const POST = deviceAction(DECOMMISSION_DEVICE, DecommissionInputSchema, "a decommissioning", decommissionDeviceSchema, (actor, id, input) =>
  decommissionDevice(actor, id, input),
);
