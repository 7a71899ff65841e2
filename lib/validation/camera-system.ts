import { z } from "zod";
import { optionalText, requiredText, versionField } from "@/lib/validation/fields";

/** A camera system on a site: a set of devices recorded together (a recorder and its cameras). */
export const cameraSystemFormSchema = z.object({
  name: requiredText("Enter the name of the camera system", "Name", 100),
  description: optionalText("Description", 500),
});
export type CameraSystemFormInput = z.output<typeof cameraSystemFormSchema>;

export const cameraSystemEditSchema = cameraSystemFormSchema.extend({ version: versionField });
export type CameraSystemEditInput = z.output<typeof cameraSystemEditSchema>;

/** Removing an empty system: the version it was seen at, so a system renamed meanwhile is not removed unseen. */
export const cameraSystemRemoveSchema = z.object({ version: versionField });
export type CameraSystemRemoveInput = z.output<typeof cameraSystemRemoveSchema>;
