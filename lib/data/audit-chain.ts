// Checks the audit trail's hash chain. The database seals each row as its transaction commits
// (prisma/migrations/20261201060000_audit_chain); this module recomputes every hash in TypeScript
// from the row's own fields, so a fault in the database's hashing, or a superuser who turned the
// triggers off and rewrote history, shows up here. No "server-only": `npm run audit:verify` uses it.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/data/evaluation";

export const CHAIN_VERSION = "ecr-audit-chain-v1;";
export const GENESIS_HASH = "0".repeat(64);

/** One audit row as the chain sees it: every field as text, exactly as hashed. */
export interface ChainRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  organisationId: string | null;
  summary: string;
  /** jsonb in PostgreSQL's normalised text form (`before::text`). */
  before: string | null;
  after: string | null;
  chainSeq: string | null;
  prevHash: string | null;
  hash: string | null;
}

function field(value: string | null): string {
  return value === null ? "N;" : `S${Buffer.byteLength(value, "utf8")}:${value};`;
}

/** The canonical encoding the hash is taken over: see the migration for the specification. */
export function canonicalAuditRecord(row: ChainRow): string {
  return (
    CHAIN_VERSION +
    [
      row.chainSeq, row.prevHash, row.id, row.at.toISOString(), row.actorId, row.actorEmail, row.action,
      row.entityType, row.entityId, row.organisationId, row.summary, row.before, row.after,
    ]
      .map(field)
      .join("")
  );
}

export function auditRowHash(row: ChainRow): string {
  return createHash("sha256").update(canonicalAuditRecord(row), "utf8").digest("hex");
}

export type ChainProblem = "content changed" | "row missing" | "order changed";

export interface ChainBreak {
  problem: ChainProblem;
  id: string;
  at: string;
  /** Plain English, naming the row. */
  detail: string;
}

export interface ChainReport {
  intact: boolean;
  /** Rows checked before the verdict: every row when intact, up to and including the broken one otherwise. */
  rowsChecked: number;
  /** The newest row's position and hash when intact: worth noting down elsewhere, see the ADR. */
  head: { seq: string; id: string; hash: string } | null;
  firstBreak: ChainBreak | null;
}

interface RawRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: string | null;
  summary: string;
  before: string | null;
  after: string | null;
  chain_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

const SELECT_ROWS = `
  SELECT id::text AS id, at, actor_id::text AS actor_id, actor_email, action, entity_type, entity_id,
         organisation_id::text AS organisation_id, summary, before::text AS before, after::text AS after,
         chain_seq::text AS chain_seq, prev_hash, hash
  FROM audit_events WHERE $1::bigint IS NULL OR audit_events.id > $1::bigint ORDER BY audit_events.id LIMIT $2`;

function toChainRow(r: RawRow): ChainRow {
  return {
    id: r.id, at: r.at, actorId: r.actor_id, actorEmail: r.actor_email, action: r.action, entityType: r.entity_type,
    entityId: r.entity_id, organisationId: r.organisation_id, summary: r.summary, before: r.before, after: r.after,
    chainSeq: r.chain_seq, prevHash: r.prev_hash, hash: r.hash,
  };
}

function describeRow(row: ChainRow): string {
  return `Row ${row.id} (written ${row.at.toISOString()})`;
}

/**
 * Walks the whole trail in id order, which the sealing keeps equal to chain order, and stops at
 * the first row that does not fit: its position is not the next one (a row before it is missing,
 * or rows were moved), its hash does not match its content, or it does not follow the row before.
 * Deleting only the newest rows leaves a shorter chain that is still whole: compare the head with
 * one recorded earlier to see that.
 */
export async function verifyAuditChain(db: Db, batchSize = 5_000): Promise<ChainReport> {
  let after: string | null = null;
  let expectedSeq = 1n;
  let previous: ChainRow | null = null;
  let checked = 0;
  const broken = (problem: ChainProblem, row: ChainRow, detail: string): ChainReport => ({
    intact: false,
    rowsChecked: checked,
    head: null,
    firstBreak: { problem, id: row.id, at: row.at.toISOString(), detail: `${describeRow(row)}: ${detail}` },
  });
  for (;;) {
    const batch: RawRow[] = await db.$queryRawUnsafe<RawRow[]>(SELECT_ROWS, after, batchSize);
    for (const raw of batch) {
      const row = toChainRow(raw);
      checked++;
      if (row.chainSeq === null || row.hash === null || row.prevHash === null) {
        return broken("content changed", row, "it is not sealed into the chain, so it was written or altered with the database's triggers turned off.");
      }
      const seq = BigInt(row.chainSeq);
      if (seq !== expectedSeq) {
        const elsewhere = await db.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id::text AS id FROM audit_events WHERE chain_seq = $1::bigint LIMIT 1`, expectedSeq.toString(),
        );
        if (seq < expectedSeq || elsewhere.length > 0) {
          return broken("order changed", row, `it holds position ${seq} of the chain where position ${expectedSeq} belongs, so rows have been moved or renumbered.`);
        }
        const missing = seq - expectedSeq === 1n ? `position ${expectedSeq} is` : `positions ${expectedSeq} to ${seq - 1n} are`;
        return broken("row missing", row, `${missing} missing before it: rows have been deleted.`);
      }
      if (auditRowHash(row) !== row.hash) {
        return broken("content changed", row, "its content no longer matches its hash: it has been edited.");
      }
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrev) {
        // The row itself is whole, so the one before it was edited and given a new hash to match.
        const culprit = previous ?? row;
        checked -= previous ? 1 : 0;
        return broken("content changed", culprit, `it no longer has the hash the next row recorded for it: it has been edited and re-hashed.`);
      }
      previous = row;
      expectedSeq++;
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1]!.id;
  }
  return {
    intact: true,
    rowsChecked: checked,
    head: previous ? { seq: previous.chainSeq!, id: previous.id, hash: previous.hash! } : null,
    firstBreak: null,
  };
}

/**
 * Whether a head noted down earlier (position and hash, as the check prints them) is still in the
 * chain: what catches the newest rows being deleted, which leaves a shorter chain that is whole.
 */
export async function checkRecordedHead(db: Db, seq: string, hash: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ id: string; hash: string | null }[]>(
    `SELECT id::text AS id, hash FROM audit_events WHERE chain_seq = $1::bigint`, seq,
  );
  const row = rows[0];
  if (!row) return `Position ${seq} of the chain, recorded earlier, is missing: the newest rows have been deleted.`;
  if (row.hash !== hash) return `Row ${row.id} at position ${seq} no longer has the hash recorded earlier: the chain has been rewritten from there on.`;
  return null;
}
