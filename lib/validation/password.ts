import "server-only";
import { ZxcvbnFactory, type DictionaryMatch, type Match } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import type { z } from "zod";

// The one password policy (NCSC and NIST SP 800-63B): long enough, any characters a person can
// type, nothing on the lists of common and breached passwords, nothing built from the account or
// the service. No rules about mixing character classes: they make passwords harder to remember,
// not to guess.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** zxcvbn's 0–4 scale; 3 means about 10^8 guesses or more, out of reach of online guessing. */
const MIN_SCORE = 3;

const SERVICE_WORDS = ["estate", "camera", "register", "ecr"];
/** The service's name, compared with letters and digits only: "Estate-Camera-Register" counts. */
const SERVICE_NAMES = ["cameraregister", "estatecamera"];

/** What the password is judged against, besides the lists of common passwords. */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

// zxcvbn's work grows steeply with length (over a second for 64 characters on a busy server): it
// judges the first 32, which for any longer password are strong already or the whole is refused.
const JUDGED_LENGTH = 32;
const L33T_LIMIT = 16;

let checker: ZxcvbnFactory | undefined;

// Built on first use: loading the dictionaries takes a few hundred milliseconds.
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    l33tMaxSubstitutions: L33T_LIMIT,
    maxLength: JUDGED_LENGTH,
  });
  return checker;
}

const lettersAndDigits = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The parts of an email address a person might build a password from. */
function emailParts(email: string): string[] {
  const address = email.trim().toLowerCase();
  if (!address) return [];
  const local = address.split("@")[0] ?? "";
  const pieces = local.split(/[._+-]+/).filter((p) => p.length >= 4);
  return [address, ...(local.length >= 3 ? [local] : []), ...pieces];
}

function isCommonPassword(sequence: Match[]): boolean {
  const words = sequence.filter((m) => m.pattern !== "separator");
  return (
    words.length > 0 &&
    words.every((m) => m.pattern === "dictionary" && (m as DictionaryMatch).dictionaryName.startsWith("passwords"))
  );
}

/**
 * Every reason the password is refused, each as the end of "Password must …", in the order a
 * person would fix them. Empty when the password is acceptable.
 */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  const blank = password.trim() === "";
  if (length < PASSWORD_MIN_LENGTH) problems.push(`be ${PASSWORD_MIN_LENGTH} characters or more`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`be ${PASSWORD_MAX_LENGTH} characters or fewer`);
  if (/\p{Cc}/u.test(password)) problems.push("not contain control characters such as tabs, line breaks or null characters");
  if (blank && length > 0) problems.push("contain something other than spaces");

  const lower = password.toLowerCase();
  const email = context.email ?? "";
  if (emailParts(email).some((part) => lower.includes(part))) {
    problems.push("not contain the account’s email address or part of it");
  }
  const compact = lettersAndDigits(password);
  if (SERVICE_NAMES.some((n) => compact.includes(n))) problems.push("not contain the name of this service");

  // Judging a very long or blank password tells nothing more, and costs time.
  if (!blank && length <= PASSWORD_MAX_LENGTH) {
    const inputs = [...SERVICE_WORDS, ...emailParts(email), ...(context.name ?? "").toLowerCase().split(/\s+/).filter((w) => w.length >= 3)];
    const result = zxcvbn().check(password, inputs);
    if (isCommonPassword(result.sequence)) {
      problems.push("not be a commonly used password or one known from data breaches");
    } else if (result.score < MIN_SCORE && length >= PASSWORD_MIN_LENGTH) {
      problems.push("be harder to guess: avoid repeated characters, sequences such as 1234, keyboard patterns and single common words");
    }
  }
  return problems;
}

/** The problems as one message for the password field, or null when there are none. */
export function passwordMessage(password: string, context: PasswordContext = {}, missing = "Enter a password"): string | null {
  if (password === "") return missing;
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return null;
  // One sentence a reason: several reasons in one list of clauses read ambiguously.
  return problems.map((p, i) => `${i === 0 ? "Password must" : "It must also"} ${p}`).join(". ");
}

/**
 * Judges `field` of a form by the policy, against what `context` picks from the same form (the
 * account's email address and name). Judged even when other fields are wrong, so every problem
 * is reported at once.
 */
export function withPasswordPolicy<S extends z.ZodType>(
  schema: S,
  field: string,
  context: (form: Record<string, unknown>) => PasswordContext,
  missing = "Enter a password",
): S {
  return schema.superRefine(
    (value, ctx) => {
      const form = (value ?? {}) as Record<string, unknown>;
      const password = form[field];
      if (typeof password !== "string") return;
      const message = passwordMessage(password, context(form), missing);
      if (message) ctx.addIssue({ code: "custom", path: [field], message });
    },
    { when: (payload) => !payload.issues.some((i) => i.path?.[0] === field) },
  ) as S;
}

/** The text of a form field, when it is text (a replayed request may send anything). */
export const textOf = (value: unknown): string => (typeof value === "string" ? value : "");
