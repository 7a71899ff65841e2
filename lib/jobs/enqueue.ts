// Queueing a re-evaluation in the same transaction as the change that needs it: the job's record
// and pg-boss's job are written on the change's own connection, so a rollback leaves neither and a
// commit leaves both. No "server-only": tests and scripts use it too.
import { randomUUID } from "node:crypto";
import { fromPrisma, type PgBoss, type PrismaTransactionLike } from "pg-boss";
import { EVALUATION_QUEUE, type EvaluationJobData } from "@/lib/jobs/queue";

export const WAITING_PHASE = "Waiting to start";

export interface ReevaluationRequest {
  /** Why it runs, e.g. "Producer register: Hikvision changed". */
  reason: string;
  /** The email of the person whose change needs it. */
  startedBy: string;
  /** Where the person goes back to when it has finished. */
  returnTo: string;
}

type Tx = PrismaTransactionLike;

/**
 * Queues a re-evaluation of every device inside the caller's transaction `tx`, and returns its id.
 * A job still waiting to start has not read the register or the policy yet, so a further change
 * joins it (its reason is added) rather than queueing another. `boss` must be started: get it
 * before opening the transaction (embedded mode has one connection, which the transaction holds).
 */
export async function enqueueReevaluation(tx: Tx, boss: PgBoss, request: ReevaluationRequest): Promise<string> {
  const id = randomUUID();
  const rows = await tx.$queryRawUnsafe<{ id: string; inserted: boolean }[]>(
    `INSERT INTO background_jobs (id, kind, reasons, started_by, return_to, state, queued_kind, phase)
     VALUES ($1::uuid, 'reevaluation', ARRAY[$2::text], $3, $4, 'queued', 'reevaluation', $5)
     ON CONFLICT (queued_kind) DO UPDATE SET reasons = array_append(background_jobs.reasons, $2::text), updated_at = now()
     RETURNING id::text AS id, (xmax = 0) AS inserted`,
    id, request.reason, request.startedBy, request.returnTo, WAITING_PHASE,
  );
  const row = rows[0];
  if (!row) throw new Error("The re-evaluation could not be queued.");
  if (row.inserted) {
    const data: EvaluationJobData = { kind: "reevaluation" };
    const sent = await boss.send(EVALUATION_QUEUE, data, { id, db: fromPrisma(tx) });
    if (sent !== id) throw new Error("The re-evaluation could not be queued.");
  }
  return row.id;
}
