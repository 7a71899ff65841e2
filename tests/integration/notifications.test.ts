import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture, type MailCapture } from "../support/mail-capture";
import { actorFor, testDb } from "./helpers";
import { emailedKinds, listNotifications, markAllRead, setEmailedKinds } from "@/lib/data/notifications";
import { runNotifyPass, sendPendingEmails } from "@/lib/jobs/notifications";
import { NOTIFICATIONS_QUEUE, NOTIFICATIONS_SCHEDULE_KEY } from "@/lib/jobs/queue";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { emailPreferencesSchema } from "@/lib/validation/notification-preferences";

// Reminders on the real database and a real SMTP server (smtp-server on a loopback port): the
// notify pass adds each event once per person, the sender emails each once however many senders
// run at once, opt-outs keep the notification but not the email.

// Far from the seeded data's own dates, so only what this file adds is due.
const TODAY = "2099-03-10";
const BASE = "https://register.example.gov.uk";
const HO_EDITOR = "editor@ho.example.gov.uk";
const HO_VIEWER = "viewer@ho.example.gov.uk";
const HO_OFFICIAL = "official@ho.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";

let smtp: MailCapture;
const mailers: Mailer[] = [];
function mailer(port = smtp.port): Mailer {
  const m = createMailer({ host: "127.0.0.1", port, secure: false, requireTls: false, from: "Estate Camera Register <noreply@register.example.gov.uk>" });
  mailers.push(m);
  return m;
}

const created = { rounds: [] as number[], returns: [] as number[], attestations: [] as number[], exemptions: [] as number[] };
let ho = 0;
let moj = 0;
let hostileRound = 0;
let dueRound = 0;
let hoDevice = 0;
let seededDeadline = "";

async function one<T>(sql: string, ...values: unknown[]): Promise<T> {
  const rows = await testDb().$queryRawUnsafe<T[]>(sql, ...values);
  return rows[0]!;
}

async function userId(email: string): Promise<number> {
  return (await one<{ id: number }>(`SELECT id FROM users WHERE email = $1`, email)).id;
}

async function rowsFor(email: string) {
  return testDb().$queryRawUnsafe<{ id: number; kind: string; event_key: string; subject: string; body: string; link: string; emailed_at: Date | null; email_error: string | null; email_claimed_at: Date | null }[]>(
    `SELECT n.id, n.kind, n.event_key, n.subject, n.body, n.link, n.emailed_at, n.email_error, n.email_claimed_at
       FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.event_key NOT LIKE 'invitation:%' ORDER BY n.id`,
    email,
  );
}

async function addRound(name: string, dueOn: string, departments: number[]): Promise<{ round: number; returns: number[] }> {
  const round = await one<{ id: number }>(
    `INSERT INTO return_rounds (name, as_of, due_on, declarations, opened_by) VALUES ($1, $2::date, $3::date, '[]'::jsonb, 'test') RETURNING id`,
    name, "2099-02-28", dueOn,
  );
  created.rounds.push(round.id);
  const returns: number[] = [];
  for (const org of departments) {
    const r = await one<{ id: number }>(`INSERT INTO return_departments (round_id, organisation_id) VALUES ($1, $2) RETURNING id`, round.id, org);
    created.returns.push(r.id);
    returns.push(r.id);
  }
  return { round: round.id, returns };
}

beforeAll(async () => {
  smtp = await startMailCapture();
  // Nothing earlier in the run is left to send (only this file's rows are emailed here).
  await testDb().$executeRawUnsafe(`UPDATE notifications SET email_claimed_at = now() WHERE email_claimed_at IS NULL`);
  ho = (await one<{ id: number }>(`SELECT id FROM organisations WHERE acronym = 'HO'`)).id;
  moj = (await one<{ id: number }>(`SELECT id FROM organisations WHERE acronym = 'MoJ'`)).id;
  seededDeadline = (await one<{ d: string }>(`SELECT to_char(removal_deadline, 'YYYY-MM-DD') AS d FROM policy_settings WHERE id = 1`)).d;

  // HO has not attested a round due within the week; MoJ attested the same round.
  const due = await addRound("Spring 2099 return", "2099-03-15", [ho, moj]);
  dueRound = due.round;
  const att = await one<{ id: number }>(
    `INSERT INTO attestations (return_id, user_id, official_name, official_email, figures_hash, figures, results, answers)
     VALUES ($1, $2, 'Morgan Editor', $3, 'x', '{}'::jsonb, '[]'::jsonb, '{}'::jsonb) RETURNING id`,
    due.returns[1], await userId(MOJ_EDITOR), MOJ_EDITOR,
  );
  created.attestations.push(att.id);
  // An overdue round with a hostile name: line breaks that would start a header, and far too long.
  const hostileName = `Winter return\r\nBcc: attacker@evil.example\r\n\r\n${"x".repeat(5000)}`;
  hostileRound = (await addRound(hostileName, "2099-03-01", [ho])).round;

  // An exemption on a device of HO (or one of its agencies) ending within 30 days.
  hoDevice = (await one<{ id: number }>(
    `SELECT d.id FROM devices d JOIN organisations o ON o.id = d.organisation_id
       JOIN device_compliance dc ON dc.device_id = d.id
      WHERE COALESCE(o.parent_id, o.id) = $1 AND dc.status <> 'REMOVED' ORDER BY d.id LIMIT 1`, ho)).id;
  const ex = await one<{ id: number }>(
    `INSERT INTO exemptions (device_id, justification, approved_by, approved_on, expires_on) VALUES ($1, 'test', 'test', '2098-01-01', '2099-03-25') RETURNING id`,
    hoDevice,
  );
  created.exemptions.push(ex.id);
});

afterAll(async () => {
  for (const m of mailers) m.close();
  await smtp?.close();
  const db = testDb();
  await db.$executeRawUnsafe(`DELETE FROM notifications WHERE event_key LIKE ANY($1::text[])`, [
    ...created.rounds.map((r) => `round-%:${r}:%`),
    ...created.exemptions.map((e) => `exemption-%:${e}:%`),
    "removal-overdue:%:2099-%",
  ]);
  await db.$executeRawUnsafe(`DELETE FROM attestations WHERE id = ANY($1::int[])`, created.attestations);
  await db.$executeRawUnsafe(`DELETE FROM return_departments WHERE id = ANY($1::int[])`, created.returns);
  await db.$executeRawUnsafe(`DELETE FROM return_rounds WHERE id = ANY($1::int[])`, created.rounds);
  await db.$executeRawUnsafe(`DELETE FROM exemptions WHERE id = ANY($1::int[])`, created.exemptions);
  await db.$executeRawUnsafe(`UPDATE users SET emails_off = '{}' WHERE email = ANY($1::text[])`, [HO_EDITOR, HO_OFFICIAL, HO_VIEWER, MOJ_EDITOR]);
});

/** Whether an event key is about a round or an exemption this file made. */
function ours(key: string): boolean {
  const [kind, id] = key.split(":");
  if (kind?.startsWith("round-")) return created.rounds.includes(Number(id));
  if (kind?.startsWith("exemption-")) return created.exemptions.includes(Number(id));
  return false;
}

describe("the notify pass", () => {
  it("tells a department's editors and accountable officials, once per event however often it runs", async () => {
    const first = await runNotifyPass(testDb(), TODAY);
    expect(first.created).toBeGreaterThan(0);
    const again = await runNotifyPass(testDb(), TODAY);
    expect(again.created).toBe(0);

    const editor = await rowsFor(HO_EDITOR);
    // Only this file's rounds and exemptions: other files' rounds in the shared database are overdue by 2099 too.
    const kinds = editor.map((r) => r.event_key).filter(ours);
    expect(kinds.sort()).toEqual(
      [`exemption-expiring:${created.exemptions[0]}:2099-03-25`, `round-due-soon:${dueRound}:${ho}`, `round-overdue:${hostileRound}:${ho}`].sort(),
    );
    // The removal deadline passed long before 2099: one reminder for the month, to the department.
    expect(editor.filter((r) => r.event_key === `removal-overdue:${ho}:2099-03`)).toHaveLength(1);
    const dueSoon = editor.find((r) => r.kind === "round-due-soon")!;
    expect(dueSoon.subject).toBe("Return due on 15 March 2099: Spring 2099 return");
    expect(dueSoon.link).toBe(`/returns/${dueRound}/${ho}`);
    const expiring = editor.find((r) => r.kind === "exemption-expiring")!;
    expect(expiring.link).toBe(`/devices/${hoDevice}`);
    expect(expiring.body).toContain("valid until 25 March 2099");
    const removal = editor.find((r) => r.kind === "removal-overdue")!;
    expect(removal.link).toBe(`/organisations/${ho}`);
    expect(removal.body).toContain(`The removal deadline was`);

    // The accountable official hears of the same events; a plain viewer does not.
    expect((await rowsFor(HO_OFFICIAL)).map((r) => r.event_key).sort()).toEqual(editor.map((r) => r.event_key).sort());
    expect(await rowsFor(HO_VIEWER)).toEqual([]);
    // MoJ attested: no round reminder for its editor.
    expect((await rowsFor(MOJ_EDITOR)).filter((r) => r.kind.startsWith("round-") && ours(r.event_key))).toEqual([]);
  });

  it("keeps a hostile round name on one line, short, in every subject", async () => {
    const overdue = (await rowsFor(HO_EDITOR)).find((r) => r.event_key === `round-overdue:${hostileRound}:${ho}`)!;
    expect(overdue.subject).not.toMatch(/[\r\n]/);
    expect(overdue.subject.length).toBeLessThanOrEqual(250);
    expect(overdue.subject).toMatch(/^Return overdue: Winter return Bcc: attacker@evil\.example x+…$/);
  });

  it("tells of an exemption that has ended, as a separate event", async () => {
    await runNotifyPass(testDb(), "2099-03-26");
    const editor = await rowsFor(HO_EDITOR);
    expect(editor.filter((r) => r.kind === "exemption-expired").map((r) => r.event_key)).toEqual([`exemption-expired:${created.exemptions[0]}:2099-03-25`]);
    // The due-soon round is overdue now: a new event; a new month brings a new removal reminder.
    expect(editor.some((r) => r.event_key === `round-overdue:${dueRound}:${ho}`)).toBe(true);
    expect(editor.some((r) => r.event_key === `removal-overdue:${ho}:2099-03`)).toBe(true);
    await runNotifyPass(testDb(), "2099-04-02");
    expect((await rowsFor(HO_EDITOR)).filter((r) => r.kind === "removal-overdue").map((r) => r.event_key).sort()).toEqual([
      `removal-overdue:${ho}:2099-03`,
      `removal-overdue:${ho}:2099-04`,
    ]);
  });

  it("says nothing of removals before the deadline", async () => {
    const before = await runNotifyPass(testDb(), seededDeadline);
    expect(before.byKind["removal-overdue"] ?? 0).toBe(0);
  });
});

describe("the sender", () => {
  it("emails each notification once even when two senders run at the same time, and honours opt-outs", async () => {
    // The official does not want return reminders by email.
    const official = await actorFor(HO_OFFICIAL);
    await setEmailedKinds(official, emailPreferencesSchema.parse({ emailed: ["exemption-expiring", "exemption-expired", "removal-overdue"] }));
    expect(await emailedKinds(official)).toEqual(["exemption-expiring", "exemption-expired", "removal-overdue"]);

    const pending = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM notifications WHERE email_claimed_at IS NULL`);
    const [a, b] = await Promise.all([sendPendingEmails(testDb(), mailer(), BASE), sendPendingEmails(testDb(), mailer(), BASE)]);
    expect(a.sent + b.sent + a.notEmailed + b.notEmailed + a.failed + b.failed).toBe(pending[0]!.n);
    expect(a.failed + b.failed).toBe(0);
    await smtp.waitFor(a.sent + b.sent);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages).toHaveLength(a.sent + b.sent);

    // No subject went to the same person twice.
    const seen = smtp.messages.map((m) => `${m.envelopeTo.join(",")}|${m.subject}`);
    expect(new Set(seen).size).toBe(seen.length);

    const editorRows = await rowsFor(HO_EDITOR);
    expect(editorRows.every((r) => r.emailed_at !== null && r.email_error === null)).toBe(true);
    const toEditor = smtp.messages.filter((m) => m.envelopeTo.includes(HO_EDITOR));
    expect(toEditor).toHaveLength(editorRows.length);
    const dueMail = toEditor.find((m) => m.subject.startsWith("Return due on 15 March 2099"))!;
    expect(dueMail.to).toBe(HO_EDITOR);
    expect(dueMail.envelopeTo).toEqual([HO_EDITOR]);
    expect(dueMail.from).toContain("noreply@register.example.gov.uk");
    expect(dueMail.text).toContain(`${BASE}/returns/${dueRound}/${ho}`);
    expect(dueMail.text).toContain("has not attested its figures yet");
    expect(dueMail.html).toContain(`href="${BASE}/returns/${dueRound}/${ho}"`);

    // The hostile name added no header and no recipient.
    const hostile = toEditor.find((m) => m.subject.startsWith("Return overdue: Winter return"))!;
    expect(hostile.headerNames).not.toContain("bcc");
    expect(smtp.messages.flatMap((m) => m.envelopeTo).filter((t) => t.includes("evil"))).toEqual([]);
    expect(hostile.raw).not.toMatch(/^Bcc:/im);

    // The opted-out official has every notification in the service, but no return reminder by email.
    const officialRows = await rowsFor(HO_OFFICIAL);
    for (const r of officialRows.filter((x) => x.kind.startsWith("round-"))) {
      expect(r.emailed_at).toBeNull();
      expect(r.email_error).toBe("Not emailed: the person chose not to get these emails");
    }
    expect(officialRows.filter((x) => !x.kind.startsWith("round-")).every((r) => r.emailed_at !== null)).toBe(true);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes(HO_OFFICIAL) && m.subject.includes("Return"))).toEqual([]);
    const listed = await listNotifications(official);
    expect(listed.rows.filter((r) => r.kind.startsWith("round-")).length).toBeGreaterThan(0);

    // A later pass sends nothing again.
    const later = await sendPendingEmails(testDb(), mailer(), BASE);
    expect(later).toEqual({ sent: 0, failed: 0, notEmailed: 0 });
  });

  it("records a refused email and never tries it again; with no mail server set up nothing is sent", async () => {
    const refusing = await startMailCapture({ refuse: (to) => to === HO_EDITOR });
    try {
      await runNotifyPass(testDb(), "2099-05-03");
      const result = await sendPendingEmails(testDb(), mailer(refusing.port), BASE);
      expect(result.failed).toBeGreaterThan(0);
      const refused = (await rowsFor(HO_EDITOR)).find((r) => r.event_key === `removal-overdue:${ho}:2099-05`)!;
      expect(refused.emailed_at).toBeNull();
      expect(refused.email_error).toMatch(/^Could not send: /);
      expect(await sendPendingEmails(testDb(), mailer(refusing.port), BASE)).toEqual({ sent: 0, failed: 0, notEmailed: 0 });
    } finally {
      await refusing.close();
    }
    await runNotifyPass(testDb(), "2099-06-03");
    const off = await sendPendingEmails(testDb(), null, BASE);
    expect(off.sent).toBe(0);
    const row = (await rowsFor(HO_EDITOR)).find((r) => r.event_key === `removal-overdue:${ho}:2099-06`)!;
    expect(row.email_error).toBe("Not emailed: email is not set up (SMTP_HOST)");
  });

  it("a mail server that is down fails the send, not the pass", async () => {
    await runNotifyPass(testDb(), "2099-07-03");
    // A port nothing listens on.
    const result = await sendPendingEmails(testDb(), mailer(1), BASE);
    expect(result.sent).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
  });
});

describe("a person's own notifications", () => {
  it("lists newest first, marks read only up to what the page showed, and only the person's own", async () => {
    const editor = await actorFor(HO_EDITOR);
    const other = await actorFor(MOJ_EDITOR);
    const list = await listNotifications(editor);
    expect(list.unread).toBeGreaterThan(0);
    const ids = list.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const otherBefore = await listNotifications(other);
    // Marking up to the second newest leaves the newest unread.
    await markAllRead(editor, { upTo: ids[1]! });
    const after = await listNotifications(editor);
    expect(after.rows[0]!.readAt).toBeNull();
    expect(after.rows.slice(1).every((r) => r.readAt !== null)).toBe(true);
    expect(after.unread).toBe(1);
    // Another person's notifications are untouched even with the newest id of all.
    await markAllRead(other, { upTo: Math.max(...ids) });
    expect((await listNotifications(editor)).unread).toBe(1);
    expect((await listNotifications(other)).total).toBe(otherBefore.total);
  });

  it("refuses email choices that are not on the page", () => {
    expect(emailPreferencesSchema.safeParse({ emailed: ["round-due-soon", "invitation"] }).success).toBe(false);
    expect(emailPreferencesSchema.safeParse({ emailed: ["round-due-soon\u0000"] }).success).toBe(false);
    expect(emailPreferencesSchema.safeParse({ emailed: Array(50).fill("round-due-soon") }).success).toBe(false);
    expect(emailPreferencesSchema.parse({ emailed: [] })).toEqual({ emailed: [] });
  });
});

describe("the notifications queue", () => {
  it("is prepared beside the evaluation queue, with a daily schedule", async () => {
    const queues = await testDb().$queryRawUnsafe<{ name: string; policy: string }[]>(`SELECT name, policy::text AS policy FROM pgboss.queue ORDER BY name`);
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(["evaluation", NOTIFICATIONS_QUEUE]));
    const schedules = await testDb().$queryRawUnsafe<{ name: string; key: string; cron: string; timezone: string }[]>(
      `SELECT name, key, cron, timezone FROM pgboss.schedule WHERE name = $1`, NOTIFICATIONS_QUEUE);
    expect(schedules).toEqual([{ name: NOTIFICATIONS_QUEUE, key: NOTIFICATIONS_SCHEDULE_KEY, cron: "30 6 * * *", timezone: "Europe/London" }]);
  });
});
