// Keys for the second factor, derived from the service's own secret (HKDF-SHA-256, one key per
// purpose), so nothing more has to be configured or kept. The TOTP secret is sealed with
// AES-256-GCM and bound to its account: a sealed secret copied to another row does not open.
// Changing NEXTAUTH_SECRET therefore means everyone sets up their authenticator app again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const SALT = "estate-camera-register/second-factor";

export type SecondFactorPurpose = "totp-seal" | "recovery-codes";

export function deriveKey(secret: string, purpose: SecondFactorPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, SALT, `${purpose} ${VERSION}`, 32));
}

const aad = (userId: number) => Buffer.from(`user:${userId}`);

/** "v1.<iv>.<ciphertext>.<tag>", base64url, for the users.totp_secret column. */
export function sealTotpSecret(key: Buffer, userId: number, secretBase32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The secret a sealed value holds, or null when it was altered, moved or sealed with another key. */
export function openTotpSecret(key: Buffer, userId: number, sealed: string): string | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag || extra !== undefined) return null;
  // A shortened tag would weaken the check: only the full 16 bytes are accepted.
  if (Buffer.from(tag, "base64url").length !== 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
