import { z } from "zod";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { hiddenIdField } from "@/lib/validation/fields";

// The forms of the notifications pages. Both post little: ticked boxes and a hidden id.

const CHOOSE_FROM_LIST = "Select only the emails listed on the page";

/** "Which emails do you want?": the ticked kinds (each box posts `emailed`, any number of times). */
export const emailPreferencesSchema = z.object({
  emailed: z
    .array(z.string({ error: CHOOSE_FROM_LIST }).max(50, CHOOSE_FROM_LIST), { error: CHOOSE_FROM_LIST })
    .max(NOTIFICATION_KINDS.length, CHOOSE_FROM_LIST)
    .pipe(z.array(z.enum(NOTIFICATION_KINDS, { error: CHOOSE_FROM_LIST })))
    .transform((kinds) => [...new Set(kinds)]),
});
export type EmailPreferencesInput = z.output<typeof emailPreferencesSchema>;

/** "Mark all as read": up to the newest notification the page showed, so newer ones stay unread. */
export const markAllReadSchema = z.object({ upTo: hiddenIdField });
export type MarkAllReadInput = z.output<typeof markAllReadSchema>;
