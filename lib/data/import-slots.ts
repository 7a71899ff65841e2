// Import slots claimed in the database, so the limits hold across every server process. A claim
// is a row with a lease: its process renews it while the import runs and deletes it when done; a
// process that dies (SIGKILL, a lost machine) leaves a row that stops counting when the lease runs
// out. No "server-only" marker: the tests drive it from clients of their own, as separate
// processes would.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@/generated/prisma/client";
import { rawTransaction } from "@/lib/data/raw-transaction";
import { LIMIT_MESSAGES, MAX_IMPORTS_IN_TOTAL, MAX_IMPORTS_PER_USER } from "@/lib/import/limits";
import type { SlotClaim } from "@/lib/import/slots";
import { logger } from "@/lib/platform/log";

/** Claims are counted one at a time under this lock (runImport's own is 4242001). */
const CLAIM_LOCK = 4242002;

export interface LeaseOptions {
  /** How long a claim counts without being renewed: long enough to ride out a stalled process. */
  leaseSeconds?: number;
  /** How often the holder renews it: several times within a lease. */
  renewMs?: number;
}

export const DEFAULT_LEASE_SECONDS = 120;
const DEFAULT_RENEW_MS = 30_000;

/**
 * Takes a slot for `userId` if the person has none and the service has room. The count and the
 * insert run under one advisory transaction lock, so two requests, on any processes, cannot both
 * take the last slot; expired claims are cleared first.
 */
export async function claimSlotInDatabase(client: PrismaClient, userId: number, options: LeaseOptions = {}): Promise<SlotClaim> {
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const id = randomUUID();
  const refusal = await rawTransaction(client, async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})::text AS locked`);
    await tx.$executeRawUnsafe(`DELETE FROM import_slots WHERE expires_at <= clock_timestamp()`);
    const [counts] = await tx.$queryRawUnsafe<{ total: number; mine: number }[]>(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE user_id = $1))::int AS mine FROM import_slots`, userId,
    );
    if ((counts?.mine ?? 0) >= MAX_IMPORTS_PER_USER) return LIMIT_MESSAGES.busyYou;
    if ((counts?.total ?? 0) >= MAX_IMPORTS_IN_TOTAL) return LIMIT_MESSAGES.busyService;
    await tx.$executeRawUnsafe(
      `INSERT INTO import_slots (id, user_id, holder, expires_at)
       VALUES ($1::uuid, $2, $3, clock_timestamp() + make_interval(secs => $4))`,
      id, userId, `${hostname()}:${process.pid}`, leaseSeconds,
    );
    return null;
  });
  if (refusal) return { ok: false, error: refusal };

  const renew = setInterval(() => {
    client
      .$executeRawUnsafe(`UPDATE import_slots SET expires_at = clock_timestamp() + make_interval(secs => $2) WHERE id = $1::uuid`, id, leaseSeconds)
      .then((n) => {
        if (n === 0) logger().warn("an import's slot lapsed while it ran (the process stalled for longer than the lease)");
      })
      .catch((error: unknown) => logger().warn({ err: error instanceof Error ? error.message : String(error) }, "an import's slot could not be renewed"));
  }, options.renewMs ?? DEFAULT_RENEW_MS);
  renew.unref();

  let released: Promise<void> | null = null;
  return {
    ok: true,
    slot: {
      release() {
        released ??= (async () => {
          clearInterval(renew);
          try {
            await client.$executeRawUnsafe(`DELETE FROM import_slots WHERE id = $1::uuid`, id);
          } catch (error) {
            // The lease runs out by itself.
            logger().warn({ err: error instanceof Error ? error.message : String(error) }, "an import's slot could not be released");
          }
        })();
        return released;
      },
    },
  };
}

/** Claims that still count, for tests and diagnostics. */
export async function slotsInDatabase(client: PrismaClient): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_slots WHERE expires_at > clock_timestamp()`);
  return row?.n ?? 0;
}
