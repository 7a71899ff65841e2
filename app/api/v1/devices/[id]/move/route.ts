import { deviceAction } from "@/lib/api/device-body";
import { MOVE_DEVICE } from "@/lib/api/openapi/paths/devices";
import { MoveInputSchema } from "@/lib/api/schemas/device";
import { moveDevice } from "@/lib/data/devices";
import { moveDeviceSchema } from "@/lib/validation/device";

export const POST = deviceAction(MOVE_DEVICE, MoveInputSchema, "a move", moveDeviceSchema, (actor, id, input) => moveDevice(actor, id, input));
