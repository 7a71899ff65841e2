// Camera systems as the API returns and takes them: the fields of the camera system form
// (lib/validation/camera-system.ts), typed as JSON; the form's own schema checks the values.
import { z } from "zod";
import { cameraSystemFormSchema } from "@/lib/validation/camera-system";

export const CameraSystemSchema = z
  .object({
    id: z.number().int(),
    siteId: z.number().int(),
    name: z.string().meta({ example: "Reception recorder" }),
    description: z.string().nullable(),
    devices: z.number().int().meta({ description: "Every device recorded in the system, removed ones included: only an empty system can be removed" }),
    version: z.number().int().meta({ description: "The record's version: its ETag is this number in quotes" }),
  })
  .meta({ id: "CameraSystem", description: "A set of a site's devices recorded together, such as a recorder and its cameras" });

export type ApiCameraSystem = z.infer<typeof CameraSystemSchema>;

const cameraSystemInputShape = {
  name: z.string({ error: "name must be a string" }).meta({ description: "Unique on the site, whatever its case; at most 100 characters", example: "Reception recorder" }),
  description: z.string({ error: "description must be a string or null" }).nullable().meta({ description: "At most 500 characters; null for none" }),
} satisfies Record<keyof typeof cameraSystemFormSchema.shape, z.ZodType>;

export const CameraSystemInputSchema = z
  .strictObject({ name: cameraSystemInputShape.name, description: cameraSystemInputShape.description.optional() })
  .meta({ id: "CameraSystemInput", description: "A new camera system, with the add-a-camera-system form's fields. Other fields are refused." });

/** Also type-checks a new system's body, so that a missing name gets the form's own message. */
export const CameraSystemPatchSchema = z
  .strictObject(cameraSystemInputShape)
  .partial()
  .meta({ id: "CameraSystemPatch", description: "The fields to change; the others keep their values. Other fields are refused." });
