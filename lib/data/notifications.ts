import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { INVITATION_KIND, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import type { EmailPreferencesInput, MarkAllReadInput } from "@/lib/validation/notification-preferences";

// A person's own notifications and email choices: every query is scoped to the acting person, so
// nobody reads or marks anyone else's. (The pass that makes them and the sender: lib/jobs/notifications.ts.)

export interface NotificationRow {
  id: number;
  kind: string;
  subject: string;
  body: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

export const NOTIFICATIONS_SHOWN = 100;

export async function listNotifications(actor: Actor): Promise<{ rows: NotificationRow[]; unread: number; total: number }> {
  const where = { userId: actor.id, kind: { not: INVITATION_KIND } };
  const [rows, unread, total] = await Promise.all([
    db().notification.findMany({
      where,
      select: { id: true, kind: true, subject: true, body: true, link: true, createdAt: true, readAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: NOTIFICATIONS_SHOWN,
    }),
    db().notification.count({ where: { ...where, readAt: null } }),
    db().notification.count({ where }),
  ]);
  return { rows, unread, total };
}

export async function unreadCount(actor: Actor): Promise<number> {
  return db().notification.count({ where: { userId: actor.id, kind: { not: INVITATION_KIND }, readAt: null } });
}

/** Marks the person's own notifications read, up to the newest the page showed. */
export async function markAllRead(actor: Actor, input: MarkAllReadInput): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: actor.id, readAt: null, id: { lte: input.upTo } },
    data: { readAt: new Date() },
  });
  return count;
}

/** The kinds the person is emailed (everything they have not turned off). */
export async function emailedKinds(actor: Actor): Promise<NotificationKind[]> {
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { emailsOff: true } });
  const off = new Set(user?.emailsOff ?? []);
  return NOTIFICATION_KINDS.filter((k) => !off.has(k));
}

export async function setEmailedKinds(actor: Actor, input: EmailPreferencesInput): Promise<void> {
  const on = new Set<string>(input.emailed);
  const off = NOTIFICATION_KINDS.filter((k) => !on.has(k));
  await db().user.update({ where: { id: actor.id }, data: { emailsOff: off }, select: { id: true } });
}
