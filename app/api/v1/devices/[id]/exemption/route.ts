import { deviceAction } from "@/lib/api/device-body";
import { RECORD_EXEMPTION } from "@/lib/api/openapi/paths/devices";
import { ExemptionInputSchema } from "@/lib/api/schemas/device";
import { recordExemption } from "@/lib/data/devices";
import { exemptionFormSchema } from "@/lib/validation/exemption";

export const POST = deviceAction(RECORD_EXEMPTION, ExemptionInputSchema, "an exemption", exemptionFormSchema, (actor, id, input) => recordExemption(actor, id, input));
