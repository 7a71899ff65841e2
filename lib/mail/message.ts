// Building an email: plain text and a simple HTML part with the same words, GOV.UK style (plain
// English, the link to act on written out in full). Pure: no I/O.

export interface OutgoingMail {
  /** One address, no display name: a name typed into the service never reaches a header. */
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailHeaderError extends Error {}

const HEADER_BREAKERS = /[\r\n\u0000\u2028\u2029\u0085]/;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Refuses anything that could end a header line and start another (header injection). */
export function assertHeaderSafe(name: string, value: string): void {
  if (HEADER_BREAKERS.test(value)) throw new MailHeaderError(`The email's ${name} contains a line break or null character`);
}

export function assertAddress(address: string): void {
  assertHeaderSafe("recipient", address);
  if (address.length > 254 || !ADDRESS.test(address)) throw new MailHeaderError("The email's recipient is not a single email address");
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The full address of a path in the service. */
export function absoluteLink(baseUrl: string, path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new MailHeaderError("A link in an email must be a path within the service");
  return new URL(path, baseUrl).toString();
}

export interface MessageInput {
  to: string;
  subject: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  /** The page to act on, in full. */
  url: string;
  /** What the link says in the HTML part. */
  linkText?: string;
}

const FOOTER_TEXT =
  "This email was sent by the Estate Camera Register. You can choose which emails you get on the service's notification settings page.";

export function buildMessage(input: MessageInput, options: { footer?: string } = {}): OutgoingMail {
  assertAddress(input.to);
  const subject = input.subject.trim();
  assertHeaderSafe("subject", subject);
  if (subject === "" || subject.length > 250) throw new MailHeaderError("The email's subject must be 1 to 250 characters");
  const footer = options.footer ?? FOOTER_TEXT;
  // Paragraphs without stray control characters (the body is not a header, but keeps to text).
  const paragraphs = input.body.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  const text = [...paragraphs, input.url, "---", footer].join("\n\n") + "\n";
  const p = (t: string) => `<p style="font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c; margin: 0 0 20px;">${t}</p>`;
  const html = [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + "</title></head>",
    '<body style="margin: 0; padding: 20px;">',
    ...paragraphs.map((para) => p(escapeHtml(para).replace(/\n/g, "<br>"))),
    p(`<a href="${escapeHtml(input.url)}" style="color: #1d70b8;">${escapeHtml(input.linkText ?? input.url)}</a>`),
    p(`Or copy this address into your browser: ${escapeHtml(input.url)}`),
    `<hr style="border: 0; border-top: 1px solid #b1b4b6;">`,
    `<p style="font-family: Arial, sans-serif; font-size: 16px; color: #505a5f;">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("\n");
  return { to: input.to, subject, text, html };
}
