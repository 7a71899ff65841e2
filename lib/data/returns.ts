import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { conflict, forbidden, notFound } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import type { Db } from "@/lib/data/evaluation";
import { computeReturn, refreshMarked, type ComputedReturn } from "@/lib/data/return-checks";
import type { Outcome } from "@/lib/data/outcome";
import { todayInLondon } from "@/lib/platform/today";
import { standardDeclaration, STANDARD_DECLARATIONS } from "@/lib/returns/declarations";
import { figureChanges, isFrozenResults, resultChanges } from "@/lib/returns/results";
import {
  RETURN_STATUSES,
  type AttestationRecord,
  type Declaration,
  type DeclarationAnswer,
  type DepartmentReturn,
  type DepartmentReturnRow,
  type ReturnChanges,
  type ReturnFigures,
  type ReturnStatus,
  type RoundStatuses,
  type RoundSummary,
} from "@/lib/returns/types";
import type { RoundInput } from "@/lib/validation/returns";

// Return rounds: the Cabinet Office's data calls, each department's answers and its accountable
// official's attestations. A return's figures are the engine's per-device results for the round's
// as-of date over the department and its agencies, hashed (lib/returns/results.ts); the stored
// hash of the latest attestation against the current one says whether the figures moved since.

const CHANGED_DEVICES_LISTED = 50;

function assertReturns(actor: Actor, permission: "returns:read" | "returns:manage"): void {
  if (!can(actor.role, permission)) throw forbidden();
}

/** May the actor see this department's return: the Cabinet Office, or the department's own staff. */
function seesDepartment(actor: Actor, departmentId: number): boolean {
  return actor.scope.all || actor.scope.organisationIds.includes(departmentId);
}

interface RoundRow {
  id: number;
  name: string;
  as_of: string;
  due_on: string;
  declarations: unknown;
  opened_by: string;
  opened_at: Date;
  closed_at: Date | null;
}

const ROUND_COLUMNS = `r.id, r.name, r.as_of::text AS as_of, r.due_on::text AS due_on, r.declarations, r.opened_by, r.opened_at, r.closed_at`;

function declarationsOf(value: unknown): Declaration[] {
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is Declaration => !!d && typeof d === "object" && typeof (d as Declaration).id === "string" && typeof (d as Declaration).text === "string");
}

function emptyCounts(): Record<ReturnStatus, number> {
  return Object.fromEntries(RETURN_STATUSES.map((s) => [s, 0])) as Record<ReturnStatus, number>;
}

function summaryOf(r: RoundRow, rows: readonly { status: ReturnStatus }[]): RoundSummary {
  const byStatus = emptyCounts();
  for (const row of rows) byStatus[row.status]++;
  return {
    id: r.id, name: r.name, asOf: r.as_of, dueOn: r.due_on, openedBy: r.opened_by, openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null, declarations: declarationsOf(r.declarations),
    departments: rows.length, byStatus,
  };
}

interface ReturnRow {
  id: number;
  round_id: number;
  organisation_id: number;
  name: string;
  acronym: string;
  started_at: Date | null;
  check_needed: boolean;
  current_hash: string | null;
  attested_hash: string | null;
  attested_by: string | null;
  attested_at: Date | null;
}

/** Each department's return in the given rounds, with its latest attestation. */
async function returnRows(ex: Db, roundIds: number[], departmentIds: number[] | null): Promise<ReturnRow[]> {
  return ex.$queryRawUnsafe<ReturnRow[]>(
    `SELECT rd.id, rd.round_id, rd.organisation_id, o.name, o.acronym, rd.started_at, rd.check_needed, rd.current_hash,
       a.figures_hash AS attested_hash, a.official_name AS attested_by, a.attested_at
     FROM return_departments rd JOIN organisations o ON o.id = rd.organisation_id
     LEFT JOIN LATERAL (SELECT figures_hash, official_name, attested_at FROM attestations x
       WHERE x.return_id = rd.id ORDER BY x.attested_at DESC, x.id DESC LIMIT 1) a ON true
     WHERE rd.round_id = ANY($1::int[]) ${departmentIds ? "AND rd.organisation_id = ANY($2::int[])" : ""}
     ORDER BY o.name`,
    roundIds, ...(departmentIds ? [departmentIds] : []),
  );
}

/** Not started, in progress, attested, changed since attestation or overdue. */
export function returnStatusOf(row: Pick<ReturnRow, "started_at" | "current_hash" | "attested_hash">, dueOn: string, today: string): ReturnStatus {
  if (row.attested_hash) return row.current_hash !== null && row.current_hash !== row.attested_hash ? "CHANGED" : "ATTESTED";
  if (today > dueOn) return "OVERDUE";
  return row.started_at ? "IN_PROGRESS" : "NOT_STARTED";
}

function rowOf(r: ReturnRow, status: ReturnStatus): DepartmentReturnRow {
  return {
    organisationId: r.organisation_id, name: r.name, acronym: r.acronym, status,
    attestedBy: r.attested_by, attestedAt: r.attested_at ? r.attested_at.toISOString() : null,
  };
}

/** The departments whose returns the actor sees: all (null), or those in their scope. */
function visibleDepartments(actor: Actor): number[] | null {
  return actor.scope.all ? null : actor.scope.organisationIds;
}

async function roundsWithRows(actor: Actor, where: string, params: unknown[], limit = 500): Promise<{ round: RoundRow; rows: (ReturnRow & { status: ReturnStatus })[] }[]> {
  const rounds = await db().$queryRawUnsafe<RoundRow[]>(
    `SELECT ${ROUND_COLUMNS} FROM return_rounds r ${where} ORDER BY r.opened_at DESC, r.id DESC LIMIT ${Math.trunc(limit)}`, ...params);
  if (rounds.length === 0) return [];
  const rows = await returnRows(db(), rounds.map((r) => r.id), visibleDepartments(actor));
  const asOf = new Map(rounds.map((r) => [r.id, r.as_of]));
  const hashes = await refreshMarked(db(), rows.filter((r) => r.check_needed && r.attested_hash).map((r) => ({ ...r, as_of: asOf.get(r.round_id)! })));
  for (const row of rows) row.current_hash = hashes.get(row.id) ?? row.current_hash;
  const today = todayInLondon();
  return rounds.map((round) => ({
    round,
    rows: rows.filter((r) => r.round_id === round.id).map((r) => ({ ...r, status: returnStatusOf(r, round.due_on, today) })),
  }));
}

/** Every round the actor may see, newest first: department staff see those covering their department. */
export async function listRounds(actor: Actor): Promise<RoundSummary[]> {
  assertReturns(actor, "returns:read");
  const all = await roundsWithRows(actor, "", []);
  return all.filter((r) => actor.scope.all || r.rows.length > 0).map((r) => summaryOf(r.round, r.rows));
}

async function findRound(actor: Actor, roundId: number): Promise<{ round: RoundRow; rows: (ReturnRow & { status: ReturnStatus })[] }> {
  const found = await roundsWithRows(actor, "WHERE r.id = $1", [roundId]);
  const hit = found[0];
  if (!hit || (!actor.scope.all && hit.rows.length === 0)) throw notFound("Return round");
  return hit;
}

export async function getRound(actor: Actor, roundId: number): Promise<{ round: RoundSummary; departments: DepartmentReturnRow[] }> {
  assertReturns(actor, "returns:read");
  const { round, rows } = await findRound(actor, roundId);
  return { round: summaryOf(round, rows), departments: rows.map((r) => rowOf(r, r.status)) };
}

export async function declarationIdsOf(actor: Actor, roundId: number): Promise<string[]> {
  assertReturns(actor, "returns:read");
  const { round } = await findRound(actor, roundId);
  return declarationsOf(round.declarations).map((d) => d.id);
}

/** What the round form offers: the departments (top-level organisations) and the statements. */
export async function roundFormChoices(actor: Actor): Promise<{ departments: { id: number; name: string; acronym: string }[]; declarations: Declaration[] }> {
  assertReturns(actor, "returns:manage");
  const departments = await db().$queryRawUnsafe<{ id: number; name: string; acronym: string }[]>(
    `SELECT id, name, acronym FROM organisations WHERE parent_id IS NULL ORDER BY name`);
  return { departments, declarations: [...STANDARD_DECLARATIONS] };
}

export async function openRound(actor: Actor, input: RoundInput): Promise<Outcome<{ id: number }>> {
  assertReturns(actor, "returns:manage");
  const departments = await db().$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM organisations WHERE parent_id IS NULL ${input.departments.length ? "AND id = ANY($1::int[])" : ""} ORDER BY id`,
    ...(input.departments.length ? [input.departments] : []),
  );
  if (departments.length === 0 || (input.departments.length > 0 && departments.length !== input.departments.length)) {
    return { ok: false, fieldErrors: { departments: "Select departments from the list" } };
  }
  const declarations = input.declarations.map((id) => standardDeclaration(id)!);
  const id = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO return_rounds (name, as_of, due_on, declarations, opened_by) VALUES ($1, $2::date, $3::date, $4::jsonb, $5) RETURNING id`,
      input.name, input.asOf, input.dueOn, JSON.stringify(declarations), actor.email);
    const roundId = rows[0]!.id;
    await tx.$executeRawUnsafe(
      `INSERT INTO return_departments (round_id, organisation_id) SELECT $1, unnest($2::int[])`, roundId, departments.map((d) => d.id));
    await recordAudit(tx, actor, {
      action: "return.round-opened",
      entityType: "return-round",
      entityId: String(roundId),
      organisationId: null,
      summary: `Opened the return round "${input.name}" for ${departments.length} department${departments.length === 1 ? "" : "s"}, figures as of ${input.asOf}, due ${input.dueOn}`,
      after: { name: input.name, asOf: input.asOf, dueOn: input.dueOn, declarations: declarations.map((d) => d.text), departments: departments.length },
    });
    return roundId;
  });
  return { ok: true, value: { id } };
}

/** Whether the actor is the department's accountable official (read fresh: an administrator may have just changed it). */
async function isAccountableOfficial(ex: Db, actor: Actor, departmentId: number): Promise<boolean> {
  if (actor.role !== "ESTATES_EDITOR" && actor.role !== "ORG_VIEWER") return false;
  const rows = await ex.$queryRawUnsafe<{ ok: boolean }[]>(
    `SELECT (accountable_official AND active AND NOT service_account AND organisation_id = $2) AS ok FROM users WHERE id = $1`, actor.id, departmentId);
  return rows[0]?.ok === true;
}

function answersOf(value: unknown): DeclarationAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.filter((a): a is DeclarationAnswer => !!a && typeof a === "object" && typeof (a as DeclarationAnswer).id === "string");
}

interface AttestationRow {
  id: number;
  official_name: string;
  official_email: string;
  attested_at: Date;
  figures_hash: string;
  figures: ReturnFigures;
  results: unknown;
  answers: unknown;
  comment: string | null;
}

function attestationOf(a: AttestationRow): AttestationRecord {
  return {
    id: a.id, officialName: a.official_name, officialEmail: a.official_email, attestedAt: a.attested_at.toISOString(),
    figuresHash: a.figures_hash, figures: a.figures, answers: answersOf(a.answers), comment: a.comment,
  };
}

async function describeDevices(ids: number[]): Promise<Map<number, { description: string; siteName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRawUnsafe<{ id: number; brand: string; model: string | null; site: string }[]>(
    `SELECT d.id, d.brand, d.model, s.name AS site FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.id = ANY($1::int[])`, ids);
  return new Map(rows.map((r) => [r.id, { description: [r.brand, r.model].filter(Boolean).join(" "), siteName: r.site }]));
}

async function changesSince(latest: AttestationRow, now: ComputedReturn): Promise<ReturnChanges> {
  const attested = isFrozenResults(latest.results) ? latest.results : [];
  const moved = resultChanges(attested, now.frozen);
  const listed = moved.slice(0, CHANGED_DEVICES_LISTED);
  const names = await describeDevices(listed.map((m) => m.deviceId));
  return {
    figures: figureChanges(latest.figures, now.figures),
    devices: listed.map((m) => ({
      deviceId: m.deviceId,
      description: names.get(m.deviceId)?.description ?? null,
      siteName: names.get(m.deviceId)?.siteName ?? null,
      attestedStatus: m.attested?.[1] ?? null,
      nowStatus: m.now?.[1] ?? null,
    })),
    moreDevices: moved.length - listed.length,
  };
}

async function findReturn(actor: Actor, roundId: number, departmentId: number) {
  assertReturns(actor, "returns:read");
  if (!seesDepartment(actor, departmentId)) throw notFound("Return");
  const { round, rows } = await findRound(actor, roundId);
  const row = rows.find((r) => r.organisation_id === departmentId);
  if (!row) throw notFound("Return");
  return { round, rows, row };
}

export async function getDepartmentReturn(actor: Actor, roundId: number, departmentId: number): Promise<DepartmentReturn> {
  const { round, rows, row } = await findReturn(actor, roundId, departmentId);
  const computed = await computeReturn(db(), departmentId, round.as_of);
  const attestations = await db().$queryRawUnsafe<AttestationRow[]>(
    `SELECT id, official_name, official_email, attested_at, figures_hash, figures, results, answers, comment
     FROM attestations WHERE return_id = $1 ORDER BY attested_at DESC, id DESC`, row.id);
  const latest = attestations[0] ?? null;
  if (latest && row.current_hash !== computed.hash) {
    // Keep what the round's overview shows in step with what this page found.
    await db().$executeRawUnsafe(`UPDATE return_departments SET current_hash = $2, checked_at = now() WHERE id = $1`, row.id, computed.hash);
  }
  const status = returnStatusOf({ ...row, current_hash: computed.hash }, round.due_on, todayInLondon());
  const names = await describeDevices(computed.openFindings);
  const findings = await db().$queryRawUnsafe<{ device_id: number; rule_ids: string[]; status: string }[]>(
    `SELECT device_id, rule_ids, status::text AS status FROM device_compliance WHERE device_id = ANY($1::int[])`, computed.openFindings);
  const rules = new Map(findings.map((f) => [f.device_id, f.rule_ids]));
  const frozen = new Map(computed.frozen.map((f) => [f[0], f]));
  const agencies = await db().$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM organisations WHERE parent_id = $1 ORDER BY name`, departmentId);
  const draftRows = await db().$queryRawUnsafe<{ draft_answers: unknown; draft_comment: string | null }[]>(
    `SELECT draft_answers, draft_comment FROM return_departments WHERE id = $1`, row.id);
  const draft = draftRows[0]?.draft_answers ? { answers: answersOf(draftRows[0].draft_answers), comment: draftRows[0].draft_comment } : null;
  const official = await isAccountableOfficial(db(), actor, departmentId);
  const open = round.closed_at === null;
  return {
    round: summaryOf(round, rows),
    organisation: { id: departmentId, name: row.name, acronym: row.acronym, agencies: agencies.map((a) => a.name) },
    status,
    figures: computed.figures,
    figuresHash: computed.hash,
    openFindings: computed.openFindings.map((id) => ({
      deviceId: id,
      description: names.get(id)?.description ?? "",
      siteName: names.get(id)?.siteName ?? "",
      status: frozen.get(id)?.[1] ?? "",
      rules: frozen.get(id)?.[2] ? frozen.get(id)![2].split(",") : (rules.get(id) ?? []),
    })),
    openFindingsTotal: computed.openFindingsTotal,
    draft,
    latest: latest ? attestationOf(latest) : null,
    history: attestations.slice(1).map(attestationOf),
    changes: latest && latest.figures_hash !== computed.hash ? await changesSince(latest, computed) : null,
    canAttest: open && official,
    canDraft: open && (official || (can(actor.role, "register:write") && seesDepartment(actor, departmentId))),
  };
}

/** The answers as stored: each statement's text with its answer and details, in the round's order. */
function answersFrom(declarations: readonly Declaration[], input: Record<string, unknown>): DeclarationAnswer[] {
  return declarations.flatMap((d) => {
    const answer = input[`answer-${d.id}`];
    if (answer !== "yes" && answer !== "no") return [];
    const details = input[`details-${d.id}`];
    return [{ id: d.id, text: d.text, answer, details: typeof details === "string" && details !== "" ? details : null }];
  });
}

export async function saveReturnDraft(actor: Actor, roundId: number, departmentId: number, input: Record<string, unknown>): Promise<Outcome<void>> {
  const { round, row } = await findReturn(actor, roundId, departmentId);
  const official = await isAccountableOfficial(db(), actor, departmentId);
  if (!official && !can(actor.role, "register:write")) throw forbidden();
  if (round.closed_at) throw conflict("This round has closed: its returns can no longer change.");
  const answers = answersFrom(declarationsOf(round.declarations), input);
  const comment = typeof input.comment === "string" && input.comment !== "" ? input.comment : null;
  await db().$executeRawUnsafe(
    `UPDATE return_departments SET draft_answers = $2::jsonb, draft_comment = $3, started_at = COALESCE(started_at, now()) WHERE id = $1`,
    row.id, JSON.stringify(answers), comment);
  return { ok: true, value: undefined };
}

export const FIGURES_MOVED_MESSAGE =
  "The figures have changed since you opened this page. Review the figures below again, then attest.";

/**
 * The accountable official attests: the department's figures for the as-of date are computed
 * again inside the transaction, must be the ones the official reviewed (the hash the page showed),
 * and are frozen with the answers; the audit trail keeps the whole record.
 */
export async function attestReturn(actor: Actor, roundId: number, departmentId: number, input: Record<string, unknown>): Promise<Outcome<{ attestationId: number }>> {
  const { round, row } = await findReturn(actor, roundId, departmentId);
  if (!(await isAccountableOfficial(db(), actor, departmentId))) throw forbidden();
  if (round.closed_at) throw conflict("This round has closed: its returns can no longer change.");
  const declarations = declarationsOf(round.declarations);
  const answers = answersFrom(declarations, input);
  if (answers.length !== declarations.length) return { ok: false, fieldErrors: { form: "Answer every statement before you attest" } };
  const comment = typeof input.comment === "string" && input.comment !== "" ? input.comment : null;
  const attestationId = await db().$transaction(async (tx) => {
    // One attestation at a time per return, and the figures read after taking the lock.
    await tx.$queryRawUnsafe(`SELECT id FROM return_departments WHERE id = $1 FOR UPDATE`, row.id);
    const computed = await computeReturn(tx, departmentId, round.as_of);
    if (computed.hash !== input.figuresHash) throw conflict(FIGURES_MOVED_MESSAGE);
    const users = await tx.$queryRawUnsafe<{ name: string; email: string }[]>(`SELECT name, email FROM users WHERE id = $1`, actor.id);
    const official = users[0] ?? { name: actor.name, email: actor.email };
    const inserted = await tx.$queryRawUnsafe<{ id: number; attested_at: Date }[]>(
      `INSERT INTO attestations (return_id, user_id, official_name, official_email, figures_hash, figures, results, answers, comment)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9) RETURNING id, attested_at`,
      row.id, actor.id, official.name, official.email, computed.hash, JSON.stringify(computed.figures),
      JSON.stringify(computed.frozen), JSON.stringify(answers), comment);
    const attestation = inserted[0]!;
    await tx.$executeRawUnsafe(
      `UPDATE return_departments SET current_hash = $2, check_needed = false, checked_at = now(),
         started_at = COALESCE(started_at, now()), draft_answers = NULL, draft_comment = NULL WHERE id = $1`,
      row.id, computed.hash);
    const again = row.attested_hash !== null;
    await recordAudit(tx, actor, {
      action: again ? "return.reattested" : "return.attested",
      entityType: "return-round",
      entityId: String(round.id),
      organisationId: departmentId,
      summary: `${official.name} ${again ? "attested again" : "attested"} the ${row.name} return for "${round.name}" (figures as of ${round.as_of}; SHA-256 ${computed.hash})`,
      after: {
        official: official.name, officialEmail: official.email, attestedAt: attestation.attested_at.toISOString(),
        round: round.name, asOf: round.as_of, figuresHash: computed.hash, figures: computed.figures,
        answers: answers.map((a) => ({ statement: a.text, answer: a.answer, details: a.details })), comment,
      },
    });
    return attestation.id;
  });
  return { ok: true, value: { attestationId } };
}

/**
 * Each department's status in the latest round, for the dashboard and the minister's report:
 * anyone who may read the dashboard or the returns. Null when no round has been opened.
 */
export async function latestRoundStatuses(actor: Actor, options: { asOf?: string | null } = {}): Promise<RoundStatuses | null> {
  if (!can(actor.role, "dashboard:read") && !can(actor.role, "returns:read")) throw forbidden();
  const where = options.asOf ? "WHERE r.as_of <= $1::date" : "";
  const found = await roundsWithRows(actor, where, options.asOf ? [options.asOf] : [], 1);
  const latest = found[0];
  if (!latest) return null;
  return {
    round: { id: latest.round.id, name: latest.round.name, asOf: latest.round.as_of, dueOn: latest.round.due_on },
    departments: latest.rows.map((r) => rowOf(r, r.status)),
  };
}
