import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { absoluteLink, assertAddress, buildMessage, MailHeaderError } from "@/lib/mail/message";
import { mailSettingsFrom } from "@/lib/mail/transport";
import { isNotificationKind, KIND_WORDS, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import {
  exemptionExpired,
  exemptionExpiring,
  invitationContent,
  longDate,
  oneLine,
  removalOverdue,
  roundDueSoon,
  roundOverdue,
} from "@/lib/notifications/wording";

const round = { roundId: 4, roundName: "Spring 2027 return", departmentId: 12, departmentName: "Home Office", dueOn: "2027-04-30" };
const exemption = { exemptionId: 9, deviceId: 77, deviceLabel: "Hikvision DS-2CD (serial A1)", siteName: "Marsham Street", expiresOn: "2027-01-31" };

describe("notification kinds", () => {
  it("every kind has words to choose it by", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(KIND_WORDS[kind].label.length).toBeGreaterThan(10);
      expect(isNotificationKind(kind)).toBe(true);
    }
    expect(isNotificationKind("invitation")).toBe(false);
    expect(isNotificationKind(undefined)).toBe(false);
  });
});

describe("notification wording", () => {
  it("return reminders: one event per round and department, linking to the return", () => {
    const soon = roundDueSoon(round);
    expect(soon).toMatchObject({
      kind: "round-due-soon",
      eventKey: "round-due-soon:4:12",
      subject: "Return due on 30 April 2027: Spring 2027 return",
      link: "/returns/4/12",
    });
    expect(soon.body).toContain('The return "Spring 2027 return" for Home Office is due on 30 April 2027.');
    const late = roundOverdue(round);
    expect(late.eventKey).toBe("round-overdue:4:12");
    expect(late.subject).toBe("Return overdue: Spring 2027 return");
    expect(late.body).toContain("was due on 30 April 2027 and has not been attested");
  });

  it("exemptions: keyed by the exemption and its end date, linking to the device", () => {
    expect(exemptionExpiring(exemption)).toMatchObject({
      eventKey: "exemption-expiring:9:2027-01-31",
      subject: "Exemption ends on 31 January 2027: Hikvision DS-2CD (serial A1)",
      link: "/devices/77",
    });
    expect(exemptionExpired(exemption)).toMatchObject({ eventKey: "exemption-expired:9:2027-01-31", link: "/devices/77" });
    expect(exemptionExpired(exemption).body).toContain("ended on 31 January 2027");
  });

  it("removals: one reminder a month per department, linking to the department", () => {
    const r = removalOverdue({ departmentId: 12, departmentName: "Home Office", devices: 1234, deadline: "2026-12-31", month: "2027-02" });
    expect(r.eventKey).toBe("removal-overdue:12:2027-02");
    expect(r.link).toBe("/organisations/12");
    expect(r.subject).toBe("February 2027: 1,234 covered devices still on controlled sites, Home Office");
    expect(r.body).toContain("The removal deadline was 31 December 2026.");
    expect(removalOverdue({ departmentId: 1, departmentName: "X", devices: 1, deadline: "2026-12-31", month: "2027-02" }).subject).toContain("1 covered device still");
  });

  it("text from the register stays on one line and short in subjects", () => {
    const hostile = roundOverdue({ ...round, roundName: `A\r\nBcc: x@evil.example\u2028${"y".repeat(500)}` });
    expect(hostile.subject).not.toMatch(/[\r\n\u2028]/);
    expect(hostile.subject.length).toBeLessThanOrEqual(140);
    expect(oneLine("a\u0000b\tc")).toBe("a b c");
    expect(longDate("2027-12-01")).toBe("1 December 2027");
    expect(longDate("not a date")).toBe("not a date");
  });

  it("the invitation names the person and when the link stops working", () => {
    const words = invitationContent({ name: "Ina\r\nInvited", invitedBy: "admin@register.example.gov.uk", expiresOn: "2027-01-08" });
    expect(words.body).toContain("Dear Ina Invited,");
    expect(words.body).toContain("until 8 January 2027");
  });
});

describe("building an email", () => {
  const input = { to: "pat@ho.example.gov.uk", subject: "Return overdue", body: "First <b>paragraph</b>.\n\nSecond & last.", url: "https://register.example.gov.uk/returns/4/12" };

  it("writes plain text and simple HTML with the full link", () => {
    const mail = buildMessage(input);
    expect(mail.text).toBe(
      "First <b>paragraph</b>.\n\nSecond & last.\n\nhttps://register.example.gov.uk/returns/4/12\n\n---\n\nThis email was sent by the Estate Camera Register. You can choose which emails you get on the service's notification settings page.\n",
    );
    expect(mail.html).toContain("First &lt;b&gt;paragraph&lt;/b&gt;.");
    expect(mail.html).toContain('<a href="https://register.example.gov.uk/returns/4/12"');
    expect(mail.html).toContain('<html lang="en">');
  });

  it("refuses header injection in the subject and the address", () => {
    expect(() => buildMessage({ ...input, subject: "Hi\r\nBcc: x@evil.example" })).toThrow(MailHeaderError);
    expect(() => buildMessage({ ...input, subject: "Hi\nthere" })).toThrow(MailHeaderError);
    expect(() => buildMessage({ ...input, subject: "Hi\u0000" })).toThrow(MailHeaderError);
    expect(() => buildMessage({ ...input, subject: "x".repeat(251) })).toThrow(MailHeaderError);
    expect(() => assertAddress("pat@ho.example.gov.uk\r\nBcc: x@evil.example")).toThrow(MailHeaderError);
    expect(() => assertAddress("pat@ho.example.gov.uk, x@evil.example")).toThrow(MailHeaderError);
    expect(() => assertAddress("Pat <pat@ho.example.gov.uk>")).toThrow(MailHeaderError);
    expect(() => assertAddress("pat@ho.example.gov.uk")).not.toThrow();
  });

  it("links only to paths within the service", () => {
    expect(absoluteLink("https://register.example.gov.uk", "/devices/7")).toBe("https://register.example.gov.uk/devices/7");
    expect(() => absoluteLink("https://register.example.gov.uk", "//evil.example/x")).toThrow(MailHeaderError);
    expect(() => absoluteLink("https://register.example.gov.uk", "https://evil.example/")).toThrow(MailHeaderError);
  });
});

describe("mail settings", () => {
  it("are off without SMTP_HOST, and read with defaults otherwise", () => {
    expect(mailSettingsFrom(parseEnv({}))).toBeNull();
    expect(mailSettingsFrom(parseEnv({ SMTP_HOST: "" }))).toBeNull();
    expect(mailSettingsFrom(parseEnv({ SMTP_HOST: "smtp.example.gov.uk" }))).toEqual({
      host: "smtp.example.gov.uk",
      port: 587,
      secure: false,
      requireTls: false,
      user: undefined,
      password: undefined,
      from: "Estate Camera Register <noreply@register.example.gov.uk>",
    });
    const tls = mailSettingsFrom(parseEnv({ SMTP_HOST: "10.0.0.5", SMTP_PORT: "465", SMTP_SECURE: "true", SMTP_USER: "ecr", SMTP_PASSWORD: "secret", MAIL_FROM: "ecr@example.gov.uk" }));
    expect(tls).toMatchObject({ port: 465, secure: true, user: "ecr", password: "secret", from: "ecr@example.gov.uk" });
  });

  it("refuse a sender on two lines or a bad setting, naming it", () => {
    expect(() => parseEnv({ MAIL_FROM: "a@b.gov.uk\r\nBcc: x@evil.example" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ SMTP_SECURE: "yes" })).toThrow(/SMTP_SECURE/);
    expect(() => parseEnv({ SMTP_HOST: "smtp.example.gov.uk\nx" })).toThrow(/SMTP_HOST/);
    expect(() => parseEnv({ SMTP_PORT: "70000" })).toThrow(/SMTP_PORT/);
  });
});
