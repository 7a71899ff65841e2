// Time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, six digits, a
// new code every 30 seconds. The arithmetic is the otpauth library's; what this module decides is
// the window (one step either side, for a phone's clock a little out) and that each code is matched
// to the step it belongs to, so the data layer can accept every step once only.
import { timingSafeEqual } from "node:crypto";
import { HOTP, Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = "SHA1";
// 160 bits, as RFC 4226 recommends for SHA-1.
const SECRET_BYTES = 20;
/** Steps either side of now whose codes are still accepted. */
export const TOTP_WINDOW = 1;
const ISSUER = "Estate Camera Register";

/** A new random shared secret, in the base32 every authenticator app reads. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The time step a moment falls in. */
export function totpStep(atMs: number = Date.now()): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator app shows during `step`. */
export function totpCodeForStep(secretBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: ALGORITHM, digits: TOTP_DIGITS, counter: step });
}

/** What a person typed, as six digits when it can be read as a code: spaces and hyphens are forgiven. */
export function readTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step whose code `code` is, within the window around `atMs`, or null. Every step in the
 * window is compared, in constant time, so the answer's timing says nothing about which matched.
 */
export function matchingTotpStep(secretBase32: string, code: string, atMs: number = Date.now()): number | null {
  const typed = readTotpCode(code);
  if (!typed) return null;
  const now = totpStep(atMs);
  let found: number | null = null;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const expected = Buffer.from(totpCodeForStep(secretBase32, step));
    if (timingSafeEqual(expected, Buffer.from(typed)) && found === null) found = step;
  }
  return found;
}

/** The otpauth:// address a QR code carries to an authenticator app. */
export function totpUri(secretBase32: string, accountEmail: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: accountEmail,
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The secret in groups of four, as it is easiest to type into an app by hand. */
export function groupedKey(secretBase32: string): string {
  return secretBase32.replace(/=+$/, "").match(/.{1,4}/g)?.join(" ") ?? "";
}
