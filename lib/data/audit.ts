import type { Actor } from "@/lib/auth/actor";

type Executor = { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  organisationId: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit event with the caller's transaction client, so it commits or fails with the change. */
export async function recordAudit(tx: Executor, actor: Pick<Actor, "id" | "email"> | null, entry: AuditEntry): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO audit_events (actor_id, actor_email, action, entity_type, entity_id, organisation_id, summary, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    actor?.id ?? null, actor?.email ?? "system", entry.action, entry.entityType, entry.entityId,
    entry.organisationId, entry.summary,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}
