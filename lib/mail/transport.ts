// Sending email through SMTP with nodemailer. No "server-only": the job workers run outside Next.
import nodemailer, { type Transporter } from "nodemailer";
import type { Env } from "@/lib/env";
import { assertAddress, assertHeaderSafe, type OutgoingMail } from "@/lib/mail/message";

export interface MailSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  requireTls: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** Anything that sends one email (the SMTP mailer, or a test's). Throws when it was not accepted. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The settings from the environment, or null when SMTP_HOST is not set (email is off). */
export function mailSettingsFrom(e: Env): MailSettings | null {
  if (!e.SMTP_HOST) return null;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    requireTls: e.SMTP_REQUIRE_TLS,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.MAIL_FROM,
  };
}

export function createMailer(settings: MailSettings): Mailer {
  assertHeaderSafe("sender", settings.from);
  const transport: Transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    // A dead or slow mail server fails the send (recorded against the notification), never hangs a worker.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // A connection per email: few are sent, and no idle connection is left open between passes.
    // Keep any header nodemailer would fold from becoming a new header line (belt and braces:
    // buildMessage refuses line breaks already).
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      assertAddress(mail.to);
      assertHeaderSafe("subject", mail.subject);
      const info = await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      if (info.rejected.length > 0) throw new Error("The mail server refused the recipient");
    },
    close() {
      transport.close();
    },
  };
}
