import { z } from "zod";
import { versionField } from "@/lib/validation/fields";

/** A camera system on a site: a set of devices recorded together (a recorder and its cameras). */
export const cameraSystemFormSchema = z.object({
  name: z.string().trim().min(1, "Enter the name of the camera system").max(100, "Name must be 100 characters or fewer"),
  description: z
    .string()
    .trim()
    .max(500, "Description must be 500 characters or fewer")
    .optional()
    .transform((v) => (v ? v : null)),
});
export type CameraSystemFormInput = z.output<typeof cameraSystemFormSchema>;

export const cameraSystemEditSchema = cameraSystemFormSchema.extend({ version: versionField });
export type CameraSystemEditInput = z.output<typeof cameraSystemEditSchema>;
