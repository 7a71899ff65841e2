import { deviceAction } from "@/lib/api/device-body";
import { REVOKE_EXEMPTION } from "@/lib/api/openapi/paths/devices";
import { RevokeInputSchema } from "@/lib/api/schemas/device";
import { conflict } from "@/lib/auth/errors";
import { DEVICE_STALE_MESSAGE, getExemptionToRevoke, revokeExemption } from "@/lib/data/devices";
import { revokeExemptionSchema } from "@/lib/validation/exemption";

// The page's revoke form carries the exemption's version; a client holds the device's ETag, which
// names the exemption it saw as the device's activeExemption (recording or revoking one moves it on).
export const POST = deviceAction(REVOKE_EXEMPTION, RevokeInputSchema, "a revocation", revokeExemptionSchema, async (actor, id, input, version) => {
  const { device, exemption } = await getExemptionToRevoke(actor, id);
  if (device.version !== version) throw conflict(DEVICE_STALE_MESSAGE);
  return revokeExemption(actor, id, exemption.id, { reason: input.reason, version: exemption.version });
});
