// What each notification says: a subject, plain-English sentences and the page to act on. Pure:
// no I/O, no clock (today is given). Event keys make each event reach a person once, ever.
import type { NotificationKind } from "@/lib/notifications/kinds";

export interface NotificationContent {
  kind: NotificationKind;
  /** One event: the same key from any pass, on any day, is the same notification. */
  eventKey: string;
  subject: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  /** A path within the service. */
  link: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "7 December 2026" from an ISO date (YYYY-MM-DD). */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "December 2026" from a month key (YYYY-MM). */
export function longMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Text from the register on one line, without control characters, and not too long for a subject. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export interface RoundEvent {
  roundId: number;
  roundName: string;
  departmentId: number;
  departmentName: string;
  /** ISO date. */
  dueOn: string;
}

export function roundDueSoon(e: RoundEvent): NotificationContent {
  const name = oneLine(e.roundName);
  const dept = oneLine(e.departmentName);
  return {
    kind: "round-due-soon",
    eventKey: `round-due-soon:${e.roundId}:${e.departmentId}`,
    subject: `Return due on ${longDate(e.dueOn)}: ${name}`,
    body: [
      `The return "${name}" for ${dept} is due on ${longDate(e.dueOn)}.`,
      "Your department has not attested its figures yet. Check the figures, answer the declarations and ask your accountable official to attest the return before the due date.",
    ].join("\n\n"),
    link: `/returns/${e.roundId}/${e.departmentId}`,
  };
}

export function roundOverdue(e: RoundEvent): NotificationContent {
  const name = oneLine(e.roundName);
  const dept = oneLine(e.departmentName);
  return {
    kind: "round-overdue",
    eventKey: `round-overdue:${e.roundId}:${e.departmentId}`,
    subject: `Return overdue: ${name}`,
    body: [
      `The return "${name}" for ${dept} was due on ${longDate(e.dueOn)} and has not been attested.`,
      "Complete and attest the return as soon as you can. The Cabinet Office can see which departments have not attested.",
    ].join("\n\n"),
    link: `/returns/${e.roundId}/${e.departmentId}`,
  };
}

export interface ExemptionEvent {
  exemptionId: number;
  deviceId: number;
  /** How the device is known, such as "Hikvision DS-2CD2143G2-I (serial ABC123)". */
  deviceLabel: string;
  siteName: string;
  /** The last day the exemption is valid (ISO date). */
  expiresOn: string;
}

export function exemptionExpiring(e: ExemptionEvent): NotificationContent {
  const device = oneLine(e.deviceLabel);
  return {
    kind: "exemption-expiring",
    eventKey: `exemption-expiring:${e.exemptionId}:${e.expiresOn}`,
    subject: `Exemption ends on ${longDate(e.expiresOn)}: ${oneLine(device, 80)}`,
    body: [
      `The exemption for ${device} at ${oneLine(e.siteName)} is valid until ${longDate(e.expiresOn)}.`,
      "After that date the device is judged without it. Remove or replace the device, or ask for a new exemption before then.",
    ].join("\n\n"),
    link: `/devices/${e.deviceId}`,
  };
}

export function exemptionExpired(e: ExemptionEvent): NotificationContent {
  const device = oneLine(e.deviceLabel);
  return {
    kind: "exemption-expired",
    eventKey: `exemption-expired:${e.exemptionId}:${e.expiresOn}`,
    subject: `Exemption has ended: ${oneLine(device, 80)}`,
    body: [
      `The exemption for ${device} at ${oneLine(e.siteName)} ended on ${longDate(e.expiresOn)}.`,
      "The device is now judged without the exemption. Remove or replace the device, or record a new exemption if one has been approved.",
    ].join("\n\n"),
    link: `/devices/${e.deviceId}`,
  };
}

export interface RemovalEvent {
  departmentId: number;
  departmentName: string;
  /** Covered devices still on controlled sites. */
  devices: number;
  /** The policy's removal deadline (ISO date). */
  deadline: string;
  /** The month this reminder is for (YYYY-MM). */
  month: string;
}

export function removalOverdue(e: RemovalEvent): NotificationContent {
  const dept = oneLine(e.departmentName);
  return {
    kind: "removal-overdue",
    eventKey: `removal-overdue:${e.departmentId}:${e.month}`,
    subject: `${longMonth(e.month)}: ${plural(e.devices, "covered device")} still on controlled sites, ${oneLine(dept, 80)}`,
    body: [
      `${dept} and its agencies still have ${plural(e.devices, "device")} from covered producers on controlled sites. The removal deadline was ${longDate(e.deadline)}.`,
      `This is the reminder for ${longMonth(e.month)}. Plan the removal of each device, or record an exemption where one has been approved.`,
    ].join("\n\n"),
    link: `/organisations/${e.departmentId}`,
  };
}

/** The invitation email's words (its link carries the token, so it is built only when sent). */
export function invitationContent(input: { name: string; invitedBy: string; expiresOn: string }): { subject: string; body: string } {
  return {
    subject: "You have been invited to the Estate Camera Register",
    body: [
      `Dear ${oneLine(input.name, 200)},`,
      `An administrator (${oneLine(input.invitedBy, 254)}) has created an account for you on the Estate Camera Register, the government's register of surveillance cameras on its estate.`,
      `Use the link below to choose your password. The link works once, until ${longDate(input.expiresOn)}. If it has expired, ask an administrator to send a new invitation.`,
      "If you were not expecting this email, you can ignore it.",
    ].join("\n\n"),
  };
}
