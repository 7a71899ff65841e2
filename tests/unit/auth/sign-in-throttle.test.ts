import { describe, expect, it } from "vitest";
import { countedFailures, delaySeconds, secondsToWait, THROTTLE_POLICIES, type ThrottlePolicy } from "@/lib/auth/sign-in-throttle";

const policy: ThrottlePolicy = { freeFailures: 5, firstDelaySeconds: 2, maxDelaySeconds: 600, forgetAfterSeconds: 3600 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 9) + seconds * 1000);

describe("sign-in throttle policy", () => {
  it("lets the free failures through, then doubles the delay up to the cap", () => {
    expect([0, 1, 4].map((n) => delaySeconds(n, policy))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 13, 14, 50, 10_000].map((n) => delaySeconds(n, policy))).toEqual([2, 4, 8, 16, 512, 600, 600, 600]);
  });

  it("never locks anyone out for longer than the cap, however many failures", () => {
    expect(secondsToWait({ failures: 1_000_000, lastFailureAt: at(0) }, policy, at(0))).toBe(600);
    expect(secondsToWait({ failures: 1_000_000, lastFailureAt: at(0) }, policy, at(600))).toBe(0);
  });

  it("counts down from the last failure", () => {
    const bucket = { failures: 6, lastFailureAt: at(0) };
    expect(secondsToWait(bucket, policy, at(0))).toBe(4);
    expect(secondsToWait(bucket, policy, at(3.5))).toBe(1);
    expect(secondsToWait(bucket, policy, at(4))).toBe(0);
  });

  it("forgets a bucket after a quiet spell", () => {
    expect(countedFailures({ failures: 9, lastFailureAt: at(0) }, policy, at(3599))).toBe(9);
    expect(countedFailures({ failures: 9, lastFailureAt: at(0) }, policy, at(3600))).toBe(0);
    expect(countedFailures({ failures: 9, lastFailureAt: null }, policy, at(0))).toBe(0);
  });

  it("replaces the 15-minute lock-out: five guesses cost the owner seconds, not a quarter of an hour", () => {
    const { account } = THROTTLE_POLICIES;
    expect(delaySeconds(account.freeFailures, account)).toBeLessThanOrEqual(5);
    expect(account.maxDelaySeconds).toBeLessThanOrEqual(15 * 60);
    // The address bucket must allow more than one account's worth before it slows an office down.
    expect(THROTTLE_POLICIES.address.freeFailures).toBeGreaterThan(account.freeFailures);
  });
});
