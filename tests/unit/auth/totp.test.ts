import { describe, expect, it } from "vitest";
import { URI } from "otpauth";
import { hashRecoveryCode, newRecoveryCodes, readRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/auth/recovery-codes";
import { deriveKey, openTotpSecret, sealTotpSecret } from "@/lib/auth/second-factor-crypto";
import { groupedKey, matchingTotpStep, newTotpSecret, readTotpCode, totpCodeForStep, totpStep, totpUri } from "@/lib/auth/totp";

// RFC 6238, appendix B: the SHA-1 seed is the ASCII "12345678901234567890" (this is its base32).
// The RFC lists eight-digit codes; an app's six are their last six digits (the same truncation, mod 10^6).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [seconds: number, eightDigits: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("at %i seconds the code is the RFC's %s", (seconds, eightDigits) => {
    const step = totpStep(seconds * 1000);
    expect(totpCodeForStep(RFC_SECRET, step)).toBe(eightDigits.slice(-6));
    expect(matchingTotpStep(RFC_SECRET, eightDigits.slice(-6), seconds * 1000)).toBe(step);
  });

  it("accepts one step either side of now and no further, naming the step matched", () => {
    const at = 1_700_000_000_000;
    const now = totpStep(at);
    for (const offset of [-1, 0, 1]) expect(matchingTotpStep(RFC_SECRET, totpCodeForStep(RFC_SECRET, now + offset), at)).toBe(now + offset);
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCodeForStep(RFC_SECRET, now + offset);
      // A code of a far step could, by chance, equal one inside the window: only then may it match.
      const inWindow = [-1, 0, 1].some((o) => totpCodeForStep(RFC_SECRET, now + o) === code);
      if (!inWindow) expect(matchingTotpStep(RFC_SECRET, code, at)).toBeNull();
    }
  });

  it("refuses what is not six digits, and forgives spaces and hyphens", () => {
    const at = 1_700_000_000_000;
    const code = totpCodeForStep(RFC_SECRET, totpStep(at));
    expect(matchingTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(totpStep(at));
    expect(matchingTotpStep(RFC_SECRET, `${code.slice(0, 3)}-${code.slice(3)}`, at)).toBe(totpStep(at));
    for (const bad of ["", "12345", "1234567", "12345a", "１２３４５６", `${code}\0`, "x".repeat(10_000)]) {
      expect(readTotpCode(bad)).toBeNull();
      expect(matchingTotpStep(RFC_SECRET, bad, at)).toBeNull();
    }
  });

  it("makes 160-bit secrets, never the same twice, that an app reads from the QR code's address", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const parsed = URI.parse(totpUri(a, "erin@ho.example.gov.uk"));
    expect(parsed.issuer).toBe("Estate Camera Register");
    expect(parsed.label).toBe("erin@ho.example.gov.uk");
    expect(parsed.secret.base32).toBe(a);
    expect(groupedKey(a).split(" ")).toHaveLength(8);
    expect(groupedKey(a).replace(/ /g, "")).toBe(a);
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes that read back in one form however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
      const read = readRecoveryCode(code);
      expect(read).toBe(code.replace("-", ""));
      expect(readRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `)).toBe(read);
    }
    expect(readRecoveryCode("ab")).toBeNull();
    expect(readRecoveryCode("abcde-fghiu")).toBeNull();
    expect(readRecoveryCode("abcde\0fghj")).toBeNull();
  });

  it("are stored as a keyed hash bound to their account", () => {
    const key = deriveKey("test-secret", "recovery-codes");
    const h = hashRecoveryCode(key, 1, "abcdefghjk");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain("abcdefghjk");
    expect(hashRecoveryCode(key, 2, "abcdefghjk")).not.toBe(h);
    expect(hashRecoveryCode(deriveKey("another", "recovery-codes"), 1, "abcdefghjk")).not.toBe(h);
  });
});

describe("sealed TOTP secrets", () => {
  const key = deriveKey("test-secret", "totp-seal");
  it("open only with the same key, for the same account, unaltered", () => {
    const sealed = sealTotpSecret(key, 7, RFC_SECRET);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(openTotpSecret(key, 7, sealed)).toBe(RFC_SECRET);
    expect(openTotpSecret(key, 8, sealed)).toBeNull();
    expect(openTotpSecret(deriveKey("other-secret", "totp-seal"), 7, sealed)).toBeNull();
    expect(openTotpSecret(deriveKey("test-secret", "recovery-codes"), 7, sealed)).toBeNull();
    const parts = sealed.split(".");
    const flipped = [...parts];
    flipped[2] = Buffer.from(Buffer.from(parts[2]!, "base64url").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64url");
    expect(openTotpSecret(key, 7, flipped.join("."))).toBeNull();
    expect(openTotpSecret(key, 7, [...parts.slice(0, 3), parts[3]!.slice(0, 8)].join("."))).toBeNull();
    expect(openTotpSecret(key, 7, `${sealed}.x`)).toBeNull();
    expect(openTotpSecret(key, 7, "garbage")).toBeNull();
  });
});
