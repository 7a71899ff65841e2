// Reminders and their emails. The notify pass works out which events people must hear of and adds
// one notification per person per event (ON CONFLICT DO NOTHING on (user_id, event_key): each event
// once per person, ever, however many passes or processes run). The sender then claims each unsent
// row with one atomic UPDATE before sending, so no email goes twice even with two senders at once.
// No "server-only": the job workers run outside Next.
import type { PrismaClient } from "@/generated/prisma/client";
import { env, publicOrigin } from "@/lib/env";
import { absoluteLink, buildMessage, type OutgoingMail } from "@/lib/mail/message";
import { createMailer, mailSettingsFrom, type Mailer } from "@/lib/mail/transport";
import { DUE_SOON_DAYS, EXPIRING_DAYS, INVITATION_KIND } from "@/lib/notifications/kinds";
import {
  exemptionExpired,
  exemptionExpiring,
  removalOverdue,
  roundDueSoon,
  roundOverdue,
  type NotificationContent,
} from "@/lib/notifications/wording";
import { logger } from "@/lib/platform/log";

type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

const log = () => logger().child({ component: "notifications" });

// ---------------------------------------------------------------------------------------------
// The mailer of this process

const KEY = Symbol.for("estate-camera-register.mailer");
const holder = globalThis as unknown as { [KEY]?: { mailer: Mailer | null } };

/**
 * This process's mailer, or null when SMTP_HOST is not set: then no email is sent (notifications
 * still appear in the service), which is logged once per process.
 */
export function processMailer(): Mailer | null {
  if (!holder[KEY]) {
    const settings = mailSettingsFrom(env());
    if (!settings) log().warn("SMTP_HOST is not set: no email will be sent; notifications still appear in the service");
    holder[KEY] = { mailer: settings ? createMailer(settings) : null };
  }
  return holder[KEY].mailer;
}

/** The service's address that links in emails start with (NEXTAUTH_URL). */
export function publicBaseUrl(): string {
  return publicOrigin();
}

// ---------------------------------------------------------------------------------------------
// The notify pass

interface Recipient {
  department_id: number;
  user_id: number;
}

/** Who hears of a department's events: its estates editors and accountable officials, active people only. */
const RECIPIENTS_SQL = `
  SELECT u.organisation_id AS department_id, u.id AS user_id
    FROM users u
   WHERE u.active AND NOT u.service_account AND u.organisation_id = ANY($1::int[])
     AND (u.role = 'ESTATES_EDITOR' OR (u.accountable_official AND u.role IN ('ESTATES_EDITOR', 'ORG_VIEWER')))`;

async function recipientsOf(db: Db, departmentIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (departmentIds.length === 0) return out;
  const rows = await db.$queryRawUnsafe<Recipient[]>(RECIPIENTS_SQL, [...new Set(departmentIds)]);
  for (const r of rows) out.set(r.department_id, [...(out.get(r.department_id) ?? []), r.user_id]);
  return out;
}

/** Adds each (person, event) once; returns how many were new. */
async function insertNotifications(db: Db, items: { userId: number; content: NotificationContent }[]): Promise<number> {
  if (items.length === 0) return 0;
  return db.$executeRawUnsafe(
    `INSERT INTO notifications (user_id, kind, event_key, subject, body, link)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (user_id, event_key) DO NOTHING`,
    items.map((i) => i.userId),
    items.map((i) => i.content.kind),
    items.map((i) => i.content.eventKey),
    items.map((i) => i.content.subject),
    items.map((i) => i.content.body),
    items.map((i) => i.content.link),
  );
}

export interface NotifyPassResult {
  created: number;
  byKind: Record<string, number>;
}

/**
 * Works out today's events and adds the notifications they need. `today` is the UK date
 * (YYYY-MM-DD): tests pass any day. Safe to run any number of times, anywhere.
 */
export async function runNotifyPass(db: Db, today: string): Promise<NotifyPassResult> {
  const byKind: Record<string, number> = {};
  const events: { departmentId: number; content: NotificationContent }[] = [];

  // Return rounds: open rounds, departments that have not attested.
  const rounds = await db.$queryRawUnsafe<{ round_id: number; round_name: string; due_on: string; department_id: number; department_name: string }[]>(
    `SELECT r.id AS round_id, r.name AS round_name, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
            rd.organisation_id AS department_id, o.name AS department_name
       FROM return_rounds r
       JOIN return_departments rd ON rd.round_id = r.id
       JOIN organisations o ON o.id = rd.organisation_id
      WHERE r.closed_at IS NULL
        AND r.due_on <= $1::date + $2::int
        AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.return_id = rd.id)`,
    today,
    DUE_SOON_DAYS,
  );
  for (const r of rounds) {
    const e = { roundId: r.round_id, roundName: r.round_name, departmentId: r.department_id, departmentName: r.department_name, dueOn: r.due_on };
    // Due within the week (today included): the reminder; past the due date: overdue.
    events.push({ departmentId: r.department_id, content: r.due_on < today ? roundOverdue(e) : roundDueSoon(e) });
  }

  // Exemptions: live ones (not revoked) on devices still in the register, ending within 30 days or ended.
  const exemptions = await db.$queryRawUnsafe<
    { exemption_id: number; device_id: number; brand: string; model: string | null; serial: string | null; site_name: string; expires_on: string; department_id: number }[]
  >(
    `SELECT e.id AS exemption_id, d.id AS device_id, d.brand, d.model, d.serial, s.name AS site_name,
            to_char(e.expires_on, 'YYYY-MM-DD') AS expires_on, COALESCE(o.parent_id, o.id) AS department_id
       FROM exemptions e
       JOIN devices d ON d.id = e.device_id
       JOIN sites s ON s.id = d.site_id
       JOIN organisations o ON o.id = d.organisation_id
       LEFT JOIN device_compliance dc ON dc.device_id = d.id
      WHERE e.revoked_at IS NULL
        AND e.expires_on < $1::date + $2::int
        AND e.expires_on >= $1::date - 30
        AND COALESCE(dc.status::text, '') <> 'REMOVED'
        -- A later exemption on the same device that is still valid supersedes this one.
        AND NOT EXISTS (SELECT 1 FROM exemptions later WHERE later.device_id = e.device_id AND later.id <> e.id
                          AND later.revoked_at IS NULL AND later.expires_on > e.expires_on AND later.expires_on >= $1::date + $2::int)`,
    today,
    EXPIRING_DAYS,
  );
  for (const x of exemptions) {
    const deviceLabel = [x.brand, x.model].filter(Boolean).join(" ") + (x.serial ? ` (serial ${x.serial})` : "");
    const e = { exemptionId: x.exemption_id, deviceId: x.device_id, deviceLabel, siteName: x.site_name, expiresOn: x.expires_on };
    // expires_on is the last valid day: it has ended once today is after it.
    events.push({ departmentId: x.department_id, content: x.expires_on < today ? exemptionExpired(e) : exemptionExpiring(e) });
  }

  // Covered equipment still on controlled sites after the removal deadline: once a month.
  const removal = await db.$queryRawUnsafe<{ department_id: number; department_name: string; devices: number; deadline: string }[]>(
    `SELECT dept.id AS department_id, dept.name AS department_name, count(*)::int AS devices,
            to_char(p.removal_deadline, 'YYYY-MM-DD') AS deadline
       FROM device_compliance dc
       JOIN organisations o ON o.id = dc.organisation_id
       JOIN organisations dept ON dept.id = COALESCE(o.parent_id, o.id)
       CROSS JOIN policy_settings p
      WHERE p.id = 1 AND $1::date > p.removal_deadline
        AND dc.covered AND dc.controlled_site AND dc.status <> 'REMOVED'
      GROUP BY dept.id, dept.name, p.removal_deadline`,
    today,
  );
  const month = today.slice(0, 7);
  for (const r of removal) {
    events.push({
      departmentId: r.department_id,
      content: removalOverdue({ departmentId: r.department_id, departmentName: r.department_name, devices: r.devices, deadline: r.deadline, month }),
    });
  }

  const recipients = await recipientsOf(db, events.map((e) => e.departmentId));
  const items = events.flatMap((e) => (recipients.get(e.departmentId) ?? []).map((userId) => ({ userId, content: e.content })));
  let created = 0;
  // In slices, so a large estate's first run is not one enormous statement.
  for (let i = 0; i < items.length; i += 1000) created += await insertNotifications(db, items.slice(i, i + 1000));
  for (const e of events) byKind[e.content.kind] = (byKind[e.content.kind] ?? 0) + 1;
  return { created, byKind };
}

// ---------------------------------------------------------------------------------------------
// The sender

interface Claimed {
  id: number;
  kind: string;
  subject: string;
  body: string;
  link: string;
  email: string;
  active: boolean;
  service_account: boolean;
  emails_off: string[] | null;
}

const MAX_ERROR = 500;

async function record(db: Db, id: number, outcome: { sent: true } | { error: string }): Promise<void> {
  if ("sent" in outcome) await db.$executeRawUnsafe(`UPDATE notifications SET emailed_at = now(), email_error = NULL WHERE id = $1`, id);
  else await db.$executeRawUnsafe(`UPDATE notifications SET email_error = $2 WHERE id = $1`, id, outcome.error.slice(0, MAX_ERROR));
}

/** Why a claimed notification is not emailed, or null to send it. */
function reasonNotToEmail(n: Claimed, mailer: Mailer | null): string | null {
  if (!n.active) return "Not emailed: the account is deactivated";
  if (n.service_account) return "Not emailed: service accounts get no email";
  if ((n.emails_off ?? []).includes(n.kind)) return "Not emailed: the person chose not to get these emails";
  if (!mailer) return "Not emailed: email is not set up (SMTP_HOST)";
  return null;
}

function plainError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Could not send: ${message.replace(/[\u0000-\u001f]+/g, " ")}`;
}

/** Sends one already-claimed email and records the outcome. */
export async function deliverClaimed(db: Db, mailer: Mailer | null, id: number, mail: OutgoingMail | (() => OutgoingMail)): Promise<boolean> {
  if (!mailer) {
    await record(db, id, { error: "Not emailed: email is not set up (SMTP_HOST)" });
    return false;
  }
  try {
    await mailer.send(typeof mail === "function" ? mail() : mail);
  } catch (error) {
    await record(db, id, { error: plainError(error) });
    log().warn({ notification: id, err: { message: plainError(error) } }, "an email could not be sent");
    return false;
  }
  await record(db, id, { sent: true });
  return true;
}

export interface SendResult {
  sent: number;
  failed: number;
  notEmailed: number;
}

/**
 * Emails every notification not yet claimed, one at a time: each is claimed by an atomic UPDATE …
 * WHERE email_claimed_at IS NULL RETURNING, so of two senders only one gets it. A failed send is
 * recorded and not tried again (an email that may have arrived is never sent twice).
 */
export async function sendPendingEmails(db: Db, mailer: Mailer | null, baseUrl: string, options: { limit?: number } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, notEmailed: 0 };
  const candidates = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM notifications WHERE email_claimed_at IS NULL AND kind <> $1 ORDER BY id LIMIT $2`,
    INVITATION_KIND,
    options.limit ?? 2000,
  );
  for (const { id } of candidates) {
    const claimed = await db.$queryRawUnsafe<Claimed[]>(
      `UPDATE notifications n SET email_claimed_at = now()
         FROM users u
        WHERE n.id = $1 AND n.email_claimed_at IS NULL AND u.id = n.user_id
       RETURNING n.id, n.kind, n.subject, n.body, n.link, u.email, u.active, u.service_account, u.emails_off`,
      id,
    );
    const n = claimed[0];
    if (!n) continue; // another sender has it
    const reason = reasonNotToEmail(n, mailer);
    if (reason) {
      await record(db, n.id, { error: reason });
      result.notEmailed += 1;
      continue;
    }
    let mail: OutgoingMail;
    try {
      mail = buildMessage({ to: n.email, subject: n.subject, body: n.body, url: absoluteLink(baseUrl, n.link) });
    } catch (error) {
      await record(db, n.id, { error: plainError(error) });
      result.failed += 1;
      continue;
    }
    if (await deliverClaimed(db, mailer, n.id, mail)) result.sent += 1;
    else result.failed += 1;
  }
  return result;
}
