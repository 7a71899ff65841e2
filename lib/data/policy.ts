import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { conflict } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { assertCan, STALE_MESSAGE } from "@/lib/data/admin-users";
import { recordAudit } from "@/lib/data/audit";
import { processBoss } from "@/lib/jobs/boss";
import { enqueueReevaluation } from "@/lib/jobs/enqueue";
import type { PolicyInput } from "@/lib/validation/policy";

export interface PolicySettings {
  cutOff: string;
  removalDeadline: string;
  reclassificationGraceDays: number;
  /** The longest a local exemption may run, from approval to expiry (not a rule of the engine). */
  maxExemptionMonths: number;
  /** A device a scan of its site has not seen for this many days is flagged (not a rule of the engine). */
  notSeenDays: number;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

const SELECT = {
  cutOff: true,
  removalDeadline: true,
  reclassificationGraceDays: true,
  maxExemptionMonths: true,
  notSeenDays: true,
  version: true,
  updatedAt: true,
  updatedBy: true,
} as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const date = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * The policy in force, for anyone signed in: every report states the dates it was judged against.
 * The settings are not sensitive, so no permission beyond being a signed-in actor is needed.
 */
export async function getPolicySettings(_actor: Actor): Promise<PolicySettings> {
  const row = await db().policySetting.findUnique({ where: { id: 1 }, select: SELECT });
  if (!row) throw new Error("The policy settings are missing: run the seed or the migrations again.");
  return { ...row, cutOff: iso(row.cutOff), removalDeadline: iso(row.removalDeadline) };
}

function shape(p: { cutOff: string; removalDeadline: string; reclassificationGraceDays: number; maxExemptionMonths: number; notSeenDays: number }) {
  return {
    cutOff: p.cutOff,
    removalDeadline: p.removalDeadline,
    reclassificationGraceDays: p.reclassificationGraceDays,
    maxExemptionMonths: p.maxExemptionMonths,
    notSeenDays: p.notSeenDays,
  };
}

/**
 * Saves the policy when nobody else has changed it since the form was opened. Returns whether
 * anything changed, and the re-evaluation queued with it in the same transaction when the change
 * needs one (the exemption limit applies to exemptions recorded from now on, and is not one of the
 * engine's rules).
 */
export async function updatePolicy(actor: Actor, input: PolicyInput): Promise<{ changed: boolean; jobId: string | null }> {
  assertCan(actor, "admin:policy");
  // Started before the transaction: in embedded mode the transaction holds the only connection.
  const boss = await processBoss();
  return db().$transaction(async (tx) => {
    const row = await tx.policySetting.findUnique({ where: { id: 1 }, select: SELECT });
    if (!row) throw new Error("The policy settings are missing: run the seed or the migrations again.");
    if (row.version !== input.version) throw conflict(STALE_MESSAGE);
    const before = shape({ ...row, cutOff: iso(row.cutOff), removalDeadline: iso(row.removalDeadline) });
    const after = shape(input);
    const reevaluate =
      before.cutOff !== after.cutOff ||
      before.removalDeadline !== after.removalDeadline ||
      before.reclassificationGraceDays !== after.reclassificationGraceDays;
    const changed = reevaluate || before.maxExemptionMonths !== after.maxExemptionMonths || before.notSeenDays !== after.notSeenDays;
    if (!changed) return { changed: false, jobId: null };
    const { count } = await tx.policySetting.updateMany({
      where: { id: 1, version: input.version },
      data: {
        cutOff: date(input.cutOff),
        removalDeadline: date(input.removalDeadline),
        reclassificationGraceDays: input.reclassificationGraceDays,
        maxExemptionMonths: input.maxExemptionMonths,
        notSeenDays: input.notSeenDays,
        updatedBy: actor.email,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw conflict(STALE_MESSAGE);
    const parts: string[] = [];
    if (before.cutOff !== after.cutOff) parts.push(`cut-off ${before.cutOff} → ${after.cutOff}`);
    if (before.removalDeadline !== after.removalDeadline) parts.push(`removal deadline ${before.removalDeadline} → ${after.removalDeadline}`);
    if (before.reclassificationGraceDays !== after.reclassificationGraceDays) {
      parts.push(`reclassification grace ${before.reclassificationGraceDays} → ${after.reclassificationGraceDays} days`);
    }
    if (before.maxExemptionMonths !== after.maxExemptionMonths) {
      parts.push(`longest exemption ${before.maxExemptionMonths} → ${after.maxExemptionMonths} months`);
    }
    if (before.notSeenDays !== after.notSeenDays) parts.push(`not seen on the network for ${before.notSeenDays} → ${after.notSeenDays} days`);
    await recordAudit(tx, actor, {
      action: "policy.updated",
      entityType: "policy",
      entityId: "1",
      organisationId: null,
      summary: `Changed the policy settings: ${parts.join(", ")}`,
      before,
      after,
    });
    const jobId = reevaluate
      ? await enqueueReevaluation(tx, boss, { reason: "Policy settings changed", startedBy: actor.email, returnTo: "/admin/policy" })
      : null;
    return { changed: true, jobId };
  });
}
