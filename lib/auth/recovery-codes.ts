// Recovery codes: ten single-use codes for when the authenticator app is not to hand. Each holds
// 50 random bits, far beyond guessing under the sign-in throttle, so a keyed hash (HMAC-SHA-256)
// is enough to store them: a slow password hash would only slow the service down.
import { createHmac, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32, without the letters people confuse with digits (I, L, O, U).
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CHARACTERS = 10;

/** Ten new codes, written as people read them ("k3m9q-2xv7d"). */
export function newRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = "";
    for (let i = 0; i < CHARACTERS; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/**
 * A typed recovery code in its one stored form, or null when it cannot be one: case, spaces and
 * hyphens are forgiven, and the letters people mistake for digits are read as those digits.
 */
export function readRecoveryCode(input: string): string | null {
  const text = input.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  if (text.length !== CHARACTERS) return null;
  for (const c of text) if (!ALPHABET.includes(c)) return null;
  return text;
}

/** The stored hash of a (read) code: keyed, and bound to its account so rows cannot be moved. */
export function hashRecoveryCode(key: Buffer, userId: number, code: string): string {
  return createHmac("sha256", key).update(`${userId}:${code}`).digest("hex");
}
