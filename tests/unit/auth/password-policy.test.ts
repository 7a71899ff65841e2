import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, passwordMessage, passwordProblems } from "@/lib/validation/password";

const EMAIL = "pat.tester@ho.example.gov.uk";
const context = { email: EMAIL, name: "Pat Tester" };

// Every password a penetration test found accepted, and more of the same kinds: each must be
// refused, for the reason a person can act on.
const REFUSED: [name: string, password: string, reason: RegExp][] = [
  ["one character repeated", "aaaaaaaaaaaa", /harder to guess/],
  ["a common word and digits", "password1234", /commonly used password/],
  ["digits in order", "123456789012", /commonly used password/],
  ["twelve spaces", "            ", /something other than spaces/],
  ["the account's own email", EMAIL, /email address/],
  ["a NUL byte", "Zebra-Kettle\u0000-Orbit-58", /control characters/],
  ["too short", "Kettle-58", /12 characters or more/],
  ["empty-looking but short", " ", /12 characters or more/],
  ["a tab", "Zebra-Kettle\t-Orbit-58", /control characters/],
  ["a line break", "Zebra-Kettle\n-Orbit-58", /control characters/],
  ["DEL", "Zebra-Kettle\u007F-Orbit-58", /control characters/],
  ["a C1 control", "Zebra-Kettle\u0085-Orbit-58", /control characters/],
  ["tabs only", "\t\t\t\t\t\t\t\t\t\t\t\t", /control characters/],
  ["non-breaking spaces only", "\u00A0".repeat(12), /something other than spaces/],
  ["the email in capitals", "PAT.TESTER@HO.EXAMPLE.GOV.UK!", /email address/],
  ["the email's local part", "xx-pat.tester-99-Kettle", /email address/],
  ["part of the local part", "Tester-Kettle-Orbit-58", /email address/],
  ["the service's name", "Estate-Camera-Register-58", /name of this service/],
  ["the service's name run together", "cameraregister!Kettle-58", /name of this service/],
  ["the service's name spaced", "my camera register is 58", /name of this service/],
  ["a keyboard row", "qwertyuiop12", /commonly used password|harder to guess/],
  ["a famous password", "Password123!", /commonly used password|harder to guess/],
  ["l33t of password", "P@ssw0rd1234", /commonly used password|harder to guess/],
  ["a common password repeated", "iloveyouiloveyou", /commonly used password|harder to guess/],
  ["welcome and digits", "Welcome12345", /commonly used password|harder to guess/],
  ["letmein and year", "letmein2026!", /commonly used password|harder to guess/],
  ["a pattern", "abcabcabcabc", /harder to guess/],
  ["longer than allowed", "Zebra-Kettle-Orbit-58-".repeat(6) + "x".repeat(10), /128 characters or fewer/],
];

const ACCEPTED: [name: string, password: string][] = [
  ["the demo accounts' password", "Demo-password-2026"],
  ["the temporary password the journeys use", "Temporary-password-2026"],
  ["unrelated words", "Zebra-Kettle-Orbit-58"],
  ["a passphrase with spaces", "correct horse battery staple"],
  ["64 characters", "Zebra-Kettle-Orbit-58/".repeat(3).slice(0, 64)],
  ["the longest allowed", "Zebra-Kettle-Orbit-58/".repeat(6).slice(0, PASSWORD_MAX_LENGTH)],
  ["letters outside ASCII", "Çà-et-là-Größe-Ωμέγα"],
  ["emoji", "🦓 kettle 🛰️ orbit 58"],
  ["leading and trailing spaces kept", "  Zebra-Kettle-Orbit-58  "],
];

describe("password policy", () => {
  it.each(REFUSED)("refuses %s", (_name, password, reason) => {
    const message = passwordMessage(password, context);
    expect(message).toMatch(reason);
  });

  it.each(ACCEPTED)("accepts %s", (_name, password) => {
    expect(passwordProblems(password, context)).toEqual([]);
    expect(passwordMessage(password, context)).toBeNull();
  });

  it("reports every reason at once, one sentence each", () => {
    const message = passwordMessage("pat\u0000tester", context);
    expect(message).toBe(
      "Password must be 12 characters or more. It must also not contain control characters such as tabs, line breaks or null characters. It must also not contain the account’s email address or part of it",
    );
  });

  it("asks for a password when there is none", () => {
    expect(passwordMessage("", context)).toBe("Enter a password");
    expect(passwordMessage("", context, "Enter a new password")).toBe("Enter a new password");
  });

  it("counts characters, not UTF-16 units", () => {
    // Eleven emoji are 22 code units but 11 characters: too short.
    expect(passwordMessage("🦓".repeat(11), context)).toMatch(/12 characters or more/);
    expect(passwordProblems("🦓🛰️🦓 kettle orbit", context)).toEqual([]);
  });

  it("stays quick on the longest and most awkward passwords", () => {
    passwordMessage("warm-up-Zebra-Kettle", context);
    for (const base of ["aB3$", "qwertyuiop1234567890", "4@3$1!0o5s", "Zebra-Kettle-Orbit-58"]) {
      const started = performance.now();
      passwordMessage(base.repeat(40).slice(0, PASSWORD_MAX_LENGTH), context);
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
