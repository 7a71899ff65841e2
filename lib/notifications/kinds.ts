// The kinds of notification the service sends, in the words people choose them by. Pure: no I/O.

export const NOTIFICATION_KINDS = ["round-due-soon", "round-overdue", "exemption-expiring", "exemption-expired", "removal-overdue"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The invitation to choose a first password: emailed always, never listed, never opted out of. */
export const INVITATION_KIND = "invitation";

export const KIND_WORDS: Record<NotificationKind, { label: string; hint: string }> = {
  "round-due-soon": {
    label: "A return is due within 7 days",
    hint: "Sent to estates editors and accountable officials when their department has not yet attested.",
  },
  "round-overdue": {
    label: "A return is overdue",
    hint: "Sent the day after the due date when the department has still not attested.",
  },
  "exemption-expiring": {
    label: "An exemption expires within 30 days",
    hint: "For devices of your department or its agencies.",
  },
  "exemption-expired": {
    label: "An exemption has expired",
    hint: "The device is judged without the exemption from the next day.",
  },
  "removal-overdue": {
    label: "Equipment is still on controlled sites after the removal deadline",
    hint: "Sent once a month while covered equipment remains on controlled sites.",
  },
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** How many days before a return's due date the reminder is sent. */
export const DUE_SOON_DAYS = 7;
/** How many days before an exemption's last valid day the warning is sent. */
export const EXPIRING_DAYS = 30;
