// Pure policy for repeated sign-in failures. Following the NCSC's password guidance, failures slow
// further attempts down with growing delays instead of locking the account: a lock-out lets anyone
// who knows a colleague's email address keep them out with a handful of guesses.
//
// lib/data/sign-in-throttle.ts applies the same rules inside one SQL statement (so that counting
// an attempt and deciding whether to let it through cannot race); tests hold the two together.

export type ThrottleKind = "account" | "address";

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; it doubles with each further failure. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A bucket with no failure for this long starts again from nothing. */
  forgetAfterSeconds: number;
}

export const THROTTLE_POLICIES: Record<ThrottleKind, ThrottlePolicy> = {
  // Per typed email address, whether or not an account has it.
  account: { freeFailures: 5, firstDelaySeconds: 2, maxDelaySeconds: 10 * 60, forgetAfterSeconds: 24 * 60 * 60 },
  // Per client address, against password spraying. Generous, because an office may sign in from
  // one address; a success hands its attempt back.
  address: { freeFailures: 30, firstDelaySeconds: 1, maxDelaySeconds: 10 * 60, forgetAfterSeconds: 60 * 60 },
};

// 2^30 seconds is already far beyond any cap; bounding the exponent keeps the arithmetic finite.
export const MAX_DOUBLINGS = 30;

export interface Bucket {
  failures: number;
  lastFailureAt: Date | null;
}

/** Failures that still count at `now`. */
export function countedFailures(bucket: Bucket, policy: ThrottlePolicy, now: Date): number {
  if (!bucket.lastFailureAt) return 0;
  const quiet = (now.getTime() - bucket.lastFailureAt.getTime()) / 1000;
  return quiet < policy.forgetAfterSeconds ? bucket.failures : 0;
}

/** The wait after `failures` failures before another attempt is checked. */
export function delaySeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, MAX_DOUBLINGS);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

/** Whole seconds until the bucket lets an attempt through; 0 if it would now. */
export function secondsToWait(bucket: Bucket, policy: ThrottlePolicy, now: Date): number {
  const failures = countedFailures(bucket, policy, now);
  if (failures < policy.freeFailures || !bucket.lastFailureAt) return 0;
  const until = bucket.lastFailureAt.getTime() + delaySeconds(failures, policy) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** The longest anyone is ever asked to wait, for the sign-in page's message. */
export const LONGEST_WAIT_MINUTES = Math.ceil(
  Math.max(...Object.values(THROTTLE_POLICIES).map((p) => p.maxDelaySeconds)) / 60,
);
