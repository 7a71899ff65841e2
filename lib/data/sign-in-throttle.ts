import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import {
  MAX_DOUBLINGS,
  secondsToWait,
  THROTTLE_POLICIES,
  type ThrottleKind,
  type ThrottlePolicy,
} from "@/lib/auth/sign-in-throttle";

// Sign-in throttling kept in PostgreSQL, so it holds however many server processes there are.
//
// An attempt is counted BEFORE its password is checked, by one INSERT … ON CONFLICT DO UPDATE that
// decides, under the row lock, whether each bucket lets it through. Forty wrong guesses sent at
// once therefore queue on the row, and only as many as the policy allows get their password
// checked. Each bucket counts the attempts it lets through; the password is checked only when
// every bucket let the attempt through.

type Executor = {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
};

export interface ThrottleKey {
  kind: ThrottleKind;
  subject: string;
}

export interface Reservation {
  /** Every bucket let the attempt through: its password may be checked. */
  admitted: boolean;
  /** When refused: how long until it would be let through. */
  retryAfterSeconds: number;
  /** Buckets this attempt brought to their first delay: worth an audit row if the password was wrong. */
  reachedDelay: ThrottleKey[];
}

// Typed emails can be anything up to what the form accepts; no real address is longer than this.
const MAX_SUBJECT = 320;

/**
 * Text PostgreSQL (and Prisma's JSON protocol) can carry: a NUL byte or a lone surrogate becomes
 * U+FFFD. Such text can match no account, so it is made harmless rather than an error.
 */
export function storableText(text: string): string {
  return text.replace(/\0|\p{Cs}/gu, "\uFFFD");
}

/** The buckets one attempt counts against: the typed email, and the client address when known. */
export function throttleKeys(normalisedEmail: string, clientAddress: string | null): ThrottleKey[] {
  const subject = (text: string) => storableText(text.slice(0, MAX_SUBJECT));
  const keys: ThrottleKey[] = [{ kind: "account", subject: subject(normalisedEmail) }];
  if (clientAddress) keys.push({ kind: "address", subject: subject(clientAddress) });
  return keys;
}

// The policy's numbers are constants of the code, written into the statement; nothing typed by a
// user is. `t` is the bucket as it was before this attempt.
function perKind(pick: (p: ThrottlePolicy) => number): string {
  const value = (p: ThrottlePolicy) => {
    const n = pick(p);
    if (!Number.isFinite(n)) throw new Error("throttle policy values must be numbers");
    return String(n);
  };
  return `(CASE t.kind WHEN 'account' THEN ${value(THROTTLE_POLICIES.account)} ELSE ${value(THROTTLE_POLICIES.address)} END)`;
}

const FREE = perKind((p) => p.freeFailures);
const COUNTED = `(CASE WHEN t.last_failure_at > statement_timestamp() - ${perKind((p) => p.forgetAfterSeconds)} * interval '1 second' THEN t.failures ELSE 0 END)`;
const DELAY = `least(${perKind((p) => p.firstDelaySeconds)} * power(2, least(${COUNTED} - ${FREE}, ${MAX_DOUBLINGS})), ${perKind((p) => p.maxDelaySeconds)})`;
const OPEN = `(${COUNTED} < ${FREE} OR statement_timestamp() >= t.last_failure_at + ${DELAY} * interval '1 second')`;

const RESERVE = `
  INSERT INTO sign_in_throttle AS t (kind, subject, failures, last_failure_at, last_attempt)
  SELECT k.kind, k.subject, 1, statement_timestamp(), $3::uuid
  FROM unnest($1::text[], $2::text[]) AS k(kind, subject)
  ORDER BY k.kind, k.subject
  ON CONFLICT (kind, subject) DO UPDATE SET
    failures = CASE WHEN ${OPEN} THEN ${COUNTED} + 1 ELSE t.failures END,
    last_failure_at = CASE WHEN ${OPEN} THEN statement_timestamp() ELSE t.last_failure_at END,
    last_attempt = CASE WHEN ${OPEN} THEN EXCLUDED.last_attempt ELSE t.last_attempt END
  RETURNING kind, subject, failures, last_failure_at, last_attempt = $3::uuid AS admitted, statement_timestamp() AS now`;

/**
 * Counts one attempt against its buckets and says whether its password may be checked. The same
 * statement runs whether or not the account exists and whether or not the attempt is refused.
 */
export async function reserveAttempt(client: Executor, keys: ThrottleKey[]): Promise<Reservation> {
  const rows = await client.$queryRawUnsafe<
    { kind: ThrottleKind; subject: string; failures: number; last_failure_at: Date | null; admitted: boolean; now: Date }[]
  >(RESERVE, keys.map((k) => k.kind), keys.map((k) => k.subject), randomUUID());
  let retryAfterSeconds = 0;
  const reachedDelay: ThrottleKey[] = [];
  for (const row of rows) {
    const policy = THROTTLE_POLICIES[row.kind];
    if (!row.admitted) {
      const wait = secondsToWait({ failures: row.failures, lastFailureAt: row.last_failure_at }, policy, row.now);
      retryAfterSeconds = Math.max(retryAfterSeconds, wait, 1);
    } else if (row.failures === policy.freeFailures) {
      reachedDelay.push({ kind: row.kind, subject: row.subject });
    }
  }
  return { admitted: rows.length === keys.length && rows.every((r) => r.admitted), retryAfterSeconds, reachedDelay };
}

/**
 * After a right password: the account starts afresh, the client address gets its attempt back
 * (an office signing in from one address should not slow itself down), and buckets nobody has
 * failed against for longer than any policy remembers are cleared away.
 */
export async function settleSuccess(client: Executor, keys: ThrottleKey[]): Promise<void> {
  const subjects = (kind: ThrottleKind) => keys.filter((k) => k.kind === kind).map((k) => k.subject);
  await client.$executeRawUnsafe(`DELETE FROM sign_in_throttle WHERE kind = 'account' AND subject = ANY($1::text[])`, subjects("account"));
  await client.$executeRawUnsafe(
    `UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE kind = 'address' AND subject = ANY($1::text[])`,
    subjects("address"),
  );
  const longest = Math.max(...Object.values(THROTTLE_POLICIES).map((p) => p.forgetAfterSeconds));
  await client.$executeRawUnsafe(
    `DELETE FROM sign_in_throttle WHERE last_failure_at < statement_timestamp() - $1::float8 * interval '1 second'`,
    longest,
  );
}

/** Lets an account's owner straight back in: an administrator reactivating it, for one. */
export async function clearAccountThrottle(client: Executor, normalisedEmail: string): Promise<void> {
  await client.$executeRawUnsafe(`DELETE FROM sign_in_throttle WHERE kind = 'account' AND subject = $1`, normalisedEmail);
}

/** Of these account emails, those whose sign-in is being slowed down at the moment (for administrators). */
export async function delayedAccounts(emails: string[]): Promise<Set<string>> {
  const rows = await db().$queryRawUnsafe<{ subject: string; failures: number; last_failure_at: Date | null; now: Date }[]>(
    `SELECT subject, failures, last_failure_at, statement_timestamp() AS now FROM sign_in_throttle
     WHERE kind = 'account' AND subject = ANY($1::text[])`,
    emails.map((e) => e.toLowerCase()),
  );
  const policy = THROTTLE_POLICIES.account;
  return new Set(
    rows.filter((r) => secondsToWait({ failures: r.failures, lastFailureAt: r.last_failure_at }, policy, r.now) > 0).map((r) => r.subject),
  );
}
