// Keeps the stored compliance results true: reads facts, asks the engine, writes what it said.
// No "server-only" marker: the seed, the daily command and the benchmarks run this too.
import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { poolOf } from "@/lib/db-client";
import { pgExecutor } from "@/lib/data/raw-transaction";
import {
  assessDevice,
  buildBrandIndex,
  isControlled,
  isFactComplete,
  lookupMacPrefix,
  normaliseMac,
  resolveBrand,
  rollUpStatus,
  type BrandIndex,
  type BrandResolution,
  type DeviceFacts,
  type DeviceStatus,
  type Finding,
  type MacEvidence,
  type Policy,
  type RegisterEntry,
  type StatusCounts,
} from "@/lib/compliance";

export type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export interface Register {
  brands: BrandIndex;
  macPrefixes: ReadonlyMap<string, MacEvidence>;
}

type ConfidenceText = "HIGH" | "MEDIUM" | "LOW";

// Building the register's index costs more than a site's whole re-evaluation, and the register
// rarely changes: keep the last one built, keyed by a fingerprint that every edit moves (counts
// and the sums of the version columns that each edit increments).
let cachedRegister: { fingerprint: string; register: Register } | null = null;

async function registerFingerprint(db: Db): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ f: string }[]>(
    `SELECT concat_ws(':',
       (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM producers),
       (SELECT count(*) || '/' || COALESCE(sum(version), 0) || '/' || COALESCE(max(id), 0) FROM brands),
       (SELECT count(*) || '/' || COALESCE(max(id), 0) FROM model_prefixes),
       (SELECT count(*) || '/' || COALESCE(max(id), 0) FROM mac_prefixes)) AS f`,
  );
  return rows[0]?.f ?? "";
}

export async function loadRegister(db: Db): Promise<Register> {
  const fingerprint = await registerFingerprint(db);
  if (cachedRegister?.fingerprint === fingerprint) return cachedRegister.register;
  const register = await readRegister(db);
  cachedRegister = { fingerprint, register };
  return register;
}

async function readRegister(db: Db): Promise<Register> {
  const producers = await db.$queryRawUnsafe<
    { id: number; slug: string; name: string; covered: boolean; confidence: ConfidenceText; source: string; notes: string | null }[]
  >(`SELECT id, slug, name, covered, confidence::text AS confidence, source, notes FROM producers ORDER BY id`);
  const brands = await db.$queryRawUnsafe<
    { producer_id: number; name: string; aliases: string[]; confidence: ConfidenceText; valid_until: string | null; notes: string | null }[]
  >(`SELECT producer_id, name, aliases, confidence::text AS confidence, valid_until::text AS valid_until, notes FROM brands ORDER BY id`);
  const prefixes = await db.$queryRawUnsafe<{ producer_id: number; prefix: string; brand: string | null; confidence: ConfidenceText | null }[]>(
    `SELECT producer_id, prefix, brand, confidence::text AS confidence FROM model_prefixes ORDER BY id`,
  );
  const macs = await db.$queryRawUnsafe<{ prefix: string; owner: string; name: string }[]>(
    `SELECT m.prefix, m.owner, p.name FROM mac_prefixes m JOIN producers p ON p.id = m.producer_id WHERE p.covered`,
  );
  const entries: RegisterEntry[] = producers.map((p) => ({
    producerId: p.slug,
    producerName: p.name,
    covered: p.covered,
    confidence: p.confidence,
    source: p.source,
    ...(p.notes ? { note: p.notes } : {}),
    brands: brands
      .filter((b) => b.producer_id === p.id)
      .map((b) => ({
        name: b.name,
        aliases: b.aliases,
        confidence: b.confidence,
        validUntil: b.valid_until,
        ...(b.notes ? { note: b.notes } : {}),
      })),
    modelPrefixes: prefixes
      .filter((m) => m.producer_id === p.id)
      .map((m) => ({ prefix: m.prefix, ...(m.brand ? { brand: m.brand } : {}), ...(m.confidence ? { confidence: m.confidence } : {}) })),
  }));
  return {
    brands: buildBrandIndex(entries),
    macPrefixes: new Map(macs.map((m) => [m.prefix, { owner: m.owner, producerName: m.name }])),
  };
}

export async function loadPolicy(db: Db): Promise<Policy> {
  const rows = await db.$queryRawUnsafe<{ cut_off: string; removal_deadline: string; grace: number }[]>(
    `SELECT cut_off::text AS cut_off, removal_deadline::text AS removal_deadline, reclassification_grace_days AS grace FROM policy_settings WHERE id = 1`,
  );
  const row = rows[0];
  if (!row) throw new Error("The policy settings are missing: run the seed or the migrations again.");
  return { cutOff: row.cut_off, removalDeadline: row.removal_deadline, reclassificationGraceDays: row.grace };
}

/** Which devices to evaluate: everything, or what one change can affect. */
export type Scope = { all: true } | { siteIds: number[] } | { deviceIds: number[] } | { organisationIds: number[] };

/** A device as the engine needs it, with its site and current exemption: one row of FACTS_SQL. */
export interface FactRow {
  id: number;
  organisation_id: number;
  site_id: number;
  brand: string;
  model: string | null;
  mac: string | null;
  installed_on: string | null;
  network: DeviceFacts["network"];
  vendor_cloud: boolean | null;
  lifecycle: DeviceFacts["lifecycle"];
  sensitivity: DeviceFacts["site"]["sensitivity"];
  sensitive_since: string | null;
  controls_extended: boolean;
  approved_by: string | null;
  expires_on: string | null;
}

/** Joins a device's current exemption (the latest not revoked) as e.approved_by and e.expires_on (text). */
export function latestExemptionJoin(deviceId: string): string {
  return `LEFT JOIN LATERAL (
    SELECT x.approved_by, x.expires_on::text AS expires_on FROM exemptions x
    WHERE x.device_id = ${deviceId} AND x.revoked_at IS NULL
    ORDER BY x.created_at DESC, x.id DESC LIMIT 1
  ) e ON true`;
}

const FACTS_SQL = `
  SELECT d.id, d.organisation_id, d.site_id, d.brand, d.model, d.mac,
         d.installed_on::text AS installed_on, d.network::text AS network, d.vendor_cloud,
         d.lifecycle::text AS lifecycle, s.sensitivity::text AS sensitivity,
         s.sensitive_since::text AS sensitive_since, s.controls_extended,
         e.approved_by, e.expires_on::text AS expires_on
  FROM devices d
  JOIN sites s ON s.id = d.site_id
  ${latestExemptionJoin("d.id")}`;

function scopeFilter(scope: Scope): { sql: string; param: number[] | null } {
  if ("all" in scope) return { sql: "", param: null };
  // The filter names the sites too, so the planner looks them up instead of hashing them all.
  if ("siteIds" in scope) return { sql: "AND d.site_id = ANY($2::int[]) AND s.id = ANY($2::int[])", param: scope.siteIds };
  if ("deviceIds" in scope) return { sql: "AND d.id = ANY($2::int[])", param: scope.deviceIds };
  return { sql: "AND d.organisation_id = ANY($2::int[]) AND s.organisation_id = ANY($2::int[])", param: scope.organisationIds };
}

export interface EvaluationContext {
  register: Register;
  policy: Policy;
  asOf: string;
}

/** Turns one stored row into the engine's facts, with brand and MAC evidence resolved. */
export class FactBuilder {
  private readonly brandCache = new Map<string, BrandResolution>();

  constructor(private readonly register: Register) {}

  resolve(brand: string, model: string | null): BrandResolution {
    const key = `${brand}\u0000${model ?? ""}`;
    let r = this.brandCache.get(key);
    if (!r) {
      r = resolveBrand(this.register.brands, brand, model);
      this.brandCache.set(key, r);
    }
    return r;
  }

  macEvidence(mac: string | null): MacEvidence | null {
    if (!mac) return null;
    const normalised = normaliseMac(mac);
    return normalised ? lookupMacPrefix(this.register.macPrefixes, normalised) : null;
  }

  facts(row: FactRow, resolution: BrandResolution): DeviceFacts {
    return {
      producer: resolution.producer,
      installedOn: row.installed_on,
      network: row.network,
      vendorCloud: row.vendor_cloud,
      lifecycle: row.lifecycle,
      site: { sensitivity: row.sensitivity, sensitiveSince: row.sensitive_since, controlsExtended: row.controls_extended },
      exemption: row.approved_by && row.expires_on ? { approvedBy: row.approved_by, expiresOn: row.expires_on } : null,
      macEvidence: this.macEvidence(row.mac),
    };
  }
}

/** The engine's verdict on one fact row, with what the stored result keeps beside it. */
export function assessFactRow(builder: FactBuilder, row: FactRow, ctx: EvaluationContext) {
  const resolution = builder.resolve(row.brand, row.model);
  const facts = builder.facts(row, resolution);
  return { resolution, facts, assessment: assessDevice(facts, ctx.asOf, ctx.policy) };
}

const BATCH = 20_000;

const UPSERT_SQL = `
  INSERT INTO device_compliance AS c (device_id, organisation_id, site_id, status, producer, producer_name,
    producer_note, rule_ids, findings, in_service, covered, controlled_site, sensitive_site, core_network,
    complete, evaluated_on)
  SELECT u.device_id, u.organisation_id, u.site_id, u.status::"DeviceStatus", u.producer::"ProducerClass",
    u.producer_name, u.producer_note,
    CASE WHEN u.rule_ids = '' THEN '{}'::text[] ELSE string_to_array(u.rule_ids, ',') END,
    u.findings::jsonb, u.in_service, u.covered, u.controlled_site, u.sensitive_site, u.core_network,
    u.complete, $16::date
  FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::bool[], $11::bool[], $12::bool[], $13::bool[], $14::bool[], $15::bool[])
    AS u(device_id, organisation_id, site_id, status, producer, producer_name, producer_note, rule_ids,
         findings, in_service, covered, controlled_site, sensitive_site, core_network, complete)
  ON CONFLICT (device_id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, site_id = EXCLUDED.site_id, status = EXCLUDED.status,
    producer = EXCLUDED.producer, producer_name = EXCLUDED.producer_name,
    producer_note = EXCLUDED.producer_note, rule_ids = EXCLUDED.rule_ids, findings = EXCLUDED.findings,
    in_service = EXCLUDED.in_service, covered = EXCLUDED.covered,
    controlled_site = EXCLUDED.controlled_site, sensitive_site = EXCLUDED.sensitive_site,
    core_network = EXCLUDED.core_network, complete = EXCLUDED.complete, evaluated_on = EXCLUDED.evaluated_on
  -- Unchanged results are not rewritten: a daily run over a million devices touches only what moved.
  WHERE (c.status, c.producer, c.producer_name, c.producer_note, c.rule_ids, c.findings, c.in_service,
         c.covered, c.controlled_site, c.sensitive_site, c.core_network, c.complete, c.organisation_id, c.site_id)
    IS DISTINCT FROM
        (EXCLUDED.status, EXCLUDED.producer, EXCLUDED.producer_name, EXCLUDED.producer_note,
         EXCLUDED.rule_ids, EXCLUDED.findings, EXCLUDED.in_service, EXCLUDED.covered,
         EXCLUDED.controlled_site, EXCLUDED.sensitive_site, EXCLUDED.core_network, EXCLUDED.complete,
         EXCLUDED.organisation_id, EXCLUDED.site_id)`;

export interface DeviceEvaluationResult {
  devices: number;
  changed: number;
  siteIds: Set<number>;
  organisationIds: Set<number>;
}

/**
 * The stored result beside each device's facts, so only results that moved are written: writing
 * every result back cost more than reading and assessing them, and an upsert PostgreSQL then finds
 * unchanged still reads and locks each row. Findings are read only where there are some.
 */
export const STORED_RESULT_COLUMNS = `c.status::text AS c_status, c.producer::text AS c_producer,
  c.producer_name AS c_producer_name, c.producer_note AS c_producer_note,
  array_to_string(c.rule_ids, ',') AS c_rule_ids,
  CASE WHEN c.findings = '[]'::jsonb THEN '' ELSE c.findings::text END AS c_findings,
  c.in_service AS c_in_service, c.covered AS c_covered, c.controlled_site AS c_controlled,
  c.sensitive_site AS c_sensitive, c.core_network AS c_core, c.complete AS c_complete,
  c.organisation_id AS c_organisation_id, c.site_id AS c_site_id`;

/**
 * The facts of each device with its stored result. `stored` repeats the devices' own filter on the
 * stored results: without it a keyset page merge-joins the results' index from its start, so each
 * page of a full run reads every result before it.
 */
export function factsWithStoredSql(stored = "true"): string {
  return FACTS_SQL.replace("FROM devices d", `, ${STORED_RESULT_COLUMNS}\n  FROM devices d`) +
    `\n  LEFT JOIN device_compliance c ON c.device_id = d.id AND ${stored}`;
}

interface StoredResult {
  c_status: string | null;
  c_producer: string | null;
  c_producer_name: string | null;
  c_producer_note: string | null;
  c_rule_ids: string | null;
  c_findings: string | null;
  c_in_service: boolean | null;
  c_covered: boolean | null;
  c_controlled: boolean | null;
  c_sensitive: boolean | null;
  c_core: boolean | null;
  c_complete: boolean | null;
  c_organisation_id: number | null;
  c_site_id: number | null;
}

type FactAndStoredRow = FactRow & StoredResult;

/** One result as stored: the columns the upsert writes, in its parameters' order. */
interface ResultColumns {
  id: number[]; org: number[]; site: number[]; status: string[]; producer: string[];
  producerName: (string | null)[]; producerNote: (string | null)[]; ruleIds: string[]; findings: string[];
  inService: boolean[]; covered: boolean[]; controlled: boolean[]; sensitive: boolean[]; core: boolean[]; complete: boolean[];
}

function emptyColumns(): ResultColumns {
  return {
    id: [], org: [], site: [], status: [], producer: [], producerName: [], producerNote: [], ruleIds: [], findings: [],
    inService: [], covered: [], controlled: [], sensitive: [], core: [], complete: [],
  };
}

/** Whether the stored findings (jsonb text, '' for none) say exactly what the engine said. */
function sameFindings(stored: string, findings: readonly Finding[]): boolean {
  if (stored === "") return findings.length === 0;
  if (findings.length === 0) return false;
  const parsed = JSON.parse(stored) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== findings.length) return false;
  for (let i = 0; i < findings.length; i++) {
    const s = parsed[i] as Record<string, unknown> | null;
    const f = findings[i]!;
    if (!s || typeof s !== "object" || Object.keys(s).length !== 3) return false;
    if (s.ruleId !== f.ruleId || s.status !== f.status || s.message !== f.message) return false;
  }
  return true;
}

async function writeResults(db: Db, cols: ResultColumns, asOf: string): Promise<number> {
  if (cols.id.length === 0) return 0;
  return db.$executeRawUnsafe(
    UPSERT_SQL,
    cols.id, cols.org, cols.site, cols.status, cols.producer, cols.producerName, cols.producerNote,
    cols.ruleIds, cols.findings, cols.inService, cols.covered, cols.controlled, cols.sensitive,
    cols.core, cols.complete, asOf,
  );
}

/**
 * Evaluates the devices in scope and stores the results that moved. Runs in keyset-paged batches
 * so a full run over ten million devices holds one batch in memory at a time.
 */
export async function evaluateDevices(
  db: Db,
  scope: Scope,
  ctx: EvaluationContext,
  onProgress?: (done: number) => void,
): Promise<DeviceEvaluationResult> {
  const builder = new FactBuilder(ctx.register);
  const filter = scopeFilter(scope);
  const result: DeviceEvaluationResult = { devices: 0, changed: 0, siteIds: new Set(), organisationIds: new Set() };
  // A scoped run lists its device ids first (small), then takes them a batch at a time: keyset
  // paging with the scope filter would make the planner walk the primary key across every device.
  let scopedIds: number[] | null = null;
  let scopedSites: number[] = [];
  if (filter.param) {
    const ids = await db.$queryRawUnsafe<{ id: number; site_id: number }[]>(
      `SELECT d.id, d.site_id FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.id > $1 ${filter.sql} ORDER BY d.id`, 0, filter.param);
    scopedIds = ids.map((r) => r.id);
    scopedSites = ids.map((r) => r.site_id);
  }
  let pending = emptyColumns();
  let after = 0;
  for (let offset = 0; ; offset += BATCH) {
    let rows: FactAndStoredRow[];
    if (scopedIds) {
      const chunk = scopedIds.slice(offset, offset + BATCH);
      if (chunk.length === 0) break;
      // Naming the sites too lets the planner look them up rather than hash every site.
      const sites = [...new Set(scopedSites.slice(offset, offset + BATCH))];
      rows = await db.$queryRawUnsafe<FactAndStoredRow[]>(
        `${factsWithStoredSql("c.device_id = ANY($1::int[])")} WHERE d.id = ANY($1::int[]) AND s.id = ANY($2::int[])`, chunk, sites);
    } else {
      rows = await db.$queryRawUnsafe<FactAndStoredRow[]>(
        `${factsWithStoredSql("c.device_id > $1")} WHERE d.id > $1 ORDER BY d.id LIMIT ${BATCH}`, after);
    }
    if (rows.length === 0) break;
    const n = rows.length;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      const { resolution, facts, assessment } = assessFactRow(builder, row, ctx);
      result.siteIds.add(row.site_id);
      result.organisationIds.add(row.organisation_id);
      const ruleIds = assessment.findings.map((f) => f.ruleId).join(",");
      const inService = facts.lifecycle === "IN_SERVICE";
      const covered = resolution.producer === "COVERED";
      const controlled = isControlled(facts.site);
      const sensitive = facts.site.sensitivity === "SENSITIVE";
      const core = facts.network === "CORE";
      const complete = isFactComplete(facts);
      if (
        row.c_status === assessment.status && row.c_producer === resolution.producer &&
        row.c_producer_name === resolution.producerName && row.c_producer_note === resolution.note &&
        row.c_rule_ids === ruleIds && row.c_in_service === inService && row.c_covered === covered &&
        row.c_controlled === controlled && row.c_sensitive === sensitive && row.c_core === core &&
        row.c_complete === complete && row.c_organisation_id === row.organisation_id && row.c_site_id === row.site_id &&
        sameFindings(row.c_findings ?? "", assessment.findings)
      ) continue;
      pending.id.push(row.id);
      pending.org.push(row.organisation_id);
      pending.site.push(row.site_id);
      pending.status.push(assessment.status);
      pending.producer.push(resolution.producer);
      pending.producerName.push(resolution.producerName);
      pending.producerNote.push(resolution.note);
      pending.ruleIds.push(ruleIds);
      pending.findings.push(JSON.stringify(assessment.findings));
      pending.inService.push(inService);
      pending.covered.push(covered);
      pending.controlled.push(controlled);
      pending.sensitive.push(sensitive);
      pending.core.push(core);
      pending.complete.push(complete);
    }
    if (pending.id.length >= BATCH) {
      result.changed += await writeResults(db, pending, ctx.asOf);
      pending = emptyColumns();
    }
    result.devices += n;
    after = rows[n - 1]!.id;
    onProgress?.(result.devices);
    if (!scopedIds && n < BATCH) break;
  }
  result.changed += await writeResults(db, pending, ctx.asOf);
  return result;
}

/** One device's result as a return states it (see lib/returns/results.ts). */
export interface AssessedDevice {
  id: number;
  organisationId: number;
  siteId: number;
  status: DeviceStatus;
  ruleIds: string[];
  inService: boolean;
  covered: boolean;
  controlled: boolean;
  sensitive: boolean;
  core: boolean;
  complete: boolean;
}

/**
 * The engine's result for every device of the given organisations as of `asOf`, in device order,
 * without storing anything: what a department's return states for its round's as-of date. Reads
 * in keyset-paged batches; the caller keeps what it needs of each.
 */
export async function assessOrganisations(
  db: Db,
  organisationIds: number[],
  asOf: string,
  each: (device: AssessedDevice) => void,
): Promise<number> {
  const ctx: EvaluationContext = { register: await loadRegister(db), policy: await loadPolicy(db), asOf };
  const builder = new FactBuilder(ctx.register);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<FactRow[]>(
      `${FACTS_SQL} WHERE d.organisation_id = ANY($2::int[]) AND d.id > $1 ORDER BY d.id LIMIT ${BATCH}`, after, organisationIds);
    for (const row of rows) {
      const { resolution, facts, assessment } = assessFactRow(builder, row, ctx);
      each({
        id: row.id,
        organisationId: row.organisation_id,
        siteId: row.site_id,
        status: assessment.status,
        ruleIds: assessment.findings.map((f) => f.ruleId),
        inService: facts.lifecycle === "IN_SERVICE",
        covered: resolution.producer === "COVERED",
        controlled: isControlled(facts.site),
        sensitive: facts.site.sensitivity === "SENSITIVE",
        core: facts.network === "CORE",
        complete: isFactComplete(facts),
      });
    }
    count += rows.length;
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return count;
}

const STATUS_COLUMNS: readonly [DeviceStatus, string][] = [
  ["BREACH", "breach"], ["ACTION_DUE", "action_due"], ["UNVERIFIED", "unverified"],
  ["ADVISORY", "advisory"], ["COMPLIANT", "compliant"], ["REMOVED", "removed"],
];

function countsOf(row: Record<string, unknown>): StatusCounts {
  const counts = {} as StatusCounts;
  for (const [status, column] of STATUS_COLUMNS) counts[status] = Number(row[column] ?? 0);
  return counts;
}

interface SiteAggregate {
  site_id: number;
  organisation_id: number;
  devices: number;
  breach: number; action_due: number; unverified: number; advisory: number; compliant: number; removed: number;
  in_service: number; in_service_complete: number; covered_in_service: number;
  covered_remaining: number; covered_removed: number; covered_core: number;
  by_rule: Record<string, number> | null;
}

/** Recomputes the stored roll-ups of the given sites (null: every site) from the device results. */
export async function rollUpSites(db: Db, siteIds: number[] | null, asOf: string): Promise<void> {
  const where = siteIds ? "WHERE s.id = ANY($1::int[])" : "";
  const inScope = siteIds ? "dc.site_id = ANY($1::int[])" : "true";
  const params: unknown[] = siteIds ? [siteIds] : [];
  const rows = await db.$queryRawUnsafe<SiteAggregate[]>(
    `WITH scoped AS (SELECT s.id, s.organisation_id FROM sites s ${where}),
     rules AS (
       -- { ruleId: { status: count } }: breaches by rule need the finding's own status.
       SELECT r.site_id, jsonb_object_agg(r.rule_id, r.by_status) AS by_rule FROM (
         SELECT x.site_id, x.rule_id, jsonb_object_agg(x.status, x.n) AS by_status FROM (
           SELECT dc.site_id, f->>'ruleId' AS rule_id, f->>'status' AS status, count(*)::int AS n
           FROM device_compliance dc, jsonb_array_elements(dc.findings) f
           WHERE ${inScope} AND dc.rule_ids <> '{}'
           GROUP BY 1, 2, 3) x
         GROUP BY 1, 2) r
       GROUP BY r.site_id),
     counts AS (SELECT scoped.id AS site_id, scoped.organisation_id,
       count(dc.device_id)::int AS devices,
       count(*) FILTER (WHERE dc.status = 'BREACH')::int AS breach,
       count(*) FILTER (WHERE dc.status = 'ACTION_DUE')::int AS action_due,
       count(*) FILTER (WHERE dc.status = 'UNVERIFIED')::int AS unverified,
       count(*) FILTER (WHERE dc.status = 'ADVISORY')::int AS advisory,
       count(*) FILTER (WHERE dc.status = 'COMPLIANT')::int AS compliant,
       count(*) FILTER (WHERE dc.status = 'REMOVED')::int AS removed,
       count(*) FILTER (WHERE dc.in_service)::int AS in_service,
       count(*) FILTER (WHERE dc.in_service AND dc.complete)::int AS in_service_complete,
       count(*) FILTER (WHERE dc.covered AND dc.in_service)::int AS covered_in_service,
       count(*) FILTER (WHERE dc.covered AND dc.controlled_site AND dc.status <> 'REMOVED')::int AS covered_remaining,
       count(*) FILTER (WHERE dc.covered AND dc.controlled_site AND dc.status = 'REMOVED')::int AS covered_removed,
       count(*) FILTER (WHERE dc.covered AND dc.in_service AND dc.core_network)::int AS covered_core
     FROM scoped LEFT JOIN device_compliance dc ON dc.site_id = scoped.id AND ${inScope}
     GROUP BY scoped.id, scoped.organisation_id)
     SELECT counts.*, rules.by_rule FROM counts LEFT JOIN rules ON rules.site_id = counts.site_id`,
    ...params,
  );
  if (rows.length === 0) return;
  const now = new Date();
  const statuses = rows.map((r) => rollUpStatus({ sites: 1, counts: countsOf(r as unknown as Record<string, unknown>) }));
  await db.$executeRawUnsafe(
    `INSERT INTO site_compliance AS c (site_id, organisation_id, status, devices, breach, action_due, unverified,
       advisory, compliant, removed, by_rule, in_service, in_service_complete, covered_in_service,
       covered_remaining, covered_removed, covered_core, evaluated_on, evaluated_at)
     SELECT u.site_id, u.organisation_id, u.status::"OrgStatus", u.devices, u.breach, u.action_due, u.unverified,
       u.advisory, u.compliant, u.removed, u.by_rule::jsonb, u.in_service, u.in_service_complete,
       u.covered_in_service, u.covered_remaining, u.covered_removed, u.covered_core, $18::date, $19::timestamp
     FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
       $9::int[], $10::int[], $11::text[], $12::int[], $13::int[], $14::int[], $15::int[], $16::int[], $17::int[])
       AS u(site_id, organisation_id, status, devices, breach, action_due, unverified, advisory, compliant,
            removed, by_rule, in_service, in_service_complete, covered_in_service, covered_remaining,
            covered_removed, covered_core)
     ON CONFLICT (site_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, status = EXCLUDED.status,
       devices = EXCLUDED.devices, breach = EXCLUDED.breach, action_due = EXCLUDED.action_due,
       unverified = EXCLUDED.unverified, advisory = EXCLUDED.advisory, compliant = EXCLUDED.compliant,
       removed = EXCLUDED.removed, by_rule = EXCLUDED.by_rule, in_service = EXCLUDED.in_service,
       in_service_complete = EXCLUDED.in_service_complete, covered_in_service = EXCLUDED.covered_in_service,
       covered_remaining = EXCLUDED.covered_remaining, covered_removed = EXCLUDED.covered_removed,
       covered_core = EXCLUDED.covered_core, evaluated_on = EXCLUDED.evaluated_on,
       evaluated_at = EXCLUDED.evaluated_at`,
    rows.map((r) => r.site_id), rows.map((r) => r.organisation_id), statuses,
    rows.map((r) => r.devices), rows.map((r) => r.breach), rows.map((r) => r.action_due),
    rows.map((r) => r.unverified), rows.map((r) => r.advisory), rows.map((r) => r.compliant),
    rows.map((r) => r.removed), rows.map((r) => JSON.stringify(r.by_rule ?? {})), rows.map((r) => r.in_service),
    rows.map((r) => r.in_service_complete), rows.map((r) => r.covered_in_service),
    rows.map((r) => r.covered_remaining), rows.map((r) => r.covered_removed), rows.map((r) => r.covered_core),
    asOf, now,
  );
}

/** Recomputes the stored roll-ups of the given organisations (null: all) from their sites' roll-ups. */
export async function rollUpOrganisations(db: Db, organisationIds: number[] | null, asOf: string): Promise<void> {
  // Each part filters on the ids itself: through a joined CTE the planner scans whole tables.
  const where = organisationIds ? "WHERE o.id = ANY($1::int[])" : "";
  const scoped = (column: string) => (organisationIds ? `${column} = ANY($1::int[])` : "true");
  const params: unknown[] = organisationIds ? [organisationIds] : [];
  const rows = await db.$queryRawUnsafe<(Omit<SiteAggregate, "site_id"> & { sites: number; sensitive_sites: number; covered_sensitive: number; last_change_at: Date | null })[]>(
    `WITH scoped AS (SELECT o.id FROM organisations o ${where}),
     site_sums AS (
       SELECT sc.organisation_id, count(*)::int AS sites,
         count(*) FILTER (WHERE s.sensitivity = 'SENSITIVE')::int AS sensitive_sites,
         sum(sc.devices)::int AS devices, sum(sc.breach)::int AS breach, sum(sc.action_due)::int AS action_due,
         sum(sc.unverified)::int AS unverified, sum(sc.advisory)::int AS advisory,
         sum(sc.compliant)::int AS compliant, sum(sc.removed)::int AS removed,
         sum(sc.in_service)::int AS in_service, sum(sc.in_service_complete)::int AS in_service_complete,
         sum(sc.covered_in_service)::int AS covered_in_service, sum(sc.covered_remaining)::int AS covered_remaining,
         sum(sc.covered_removed)::int AS covered_removed, sum(sc.covered_core)::int AS covered_core,
         max(s.updated_at) AS last_site_change
       FROM site_compliance sc JOIN sites s ON s.id = sc.site_id AND s.archived_at IS NULL
       WHERE ${scoped("sc.organisation_id")}
       GROUP BY sc.organisation_id),
     rules AS (
       SELECT r.organisation_id, jsonb_object_agg(r.rule_id, r.by_status) AS by_rule FROM (
         SELECT x.organisation_id, x.rule_id, jsonb_object_agg(x.status, x.n) AS by_status FROM (
           SELECT sc.organisation_id, kv.key AS rule_id, st.key AS status, sum(st.value::int)::int AS n
           FROM site_compliance sc JOIN sites s ON s.id = sc.site_id AND s.archived_at IS NULL,
                jsonb_each(sc.by_rule) kv, jsonb_each_text(kv.value) st
           WHERE ${scoped("sc.organisation_id")}
           GROUP BY 1, 2, 3) x
         GROUP BY 1, 2) r
       GROUP BY r.organisation_id),
     sensitive AS (
       SELECT dc.organisation_id, count(*)::int AS covered_sensitive FROM device_compliance dc
       WHERE ${scoped("dc.organisation_id")} AND dc.covered AND dc.in_service AND dc.sensitive_site GROUP BY 1),
     changes AS (
       SELECT d.organisation_id, max(d.updated_at) AS last_device_change FROM devices d
       WHERE ${scoped("d.organisation_id")} GROUP BY 1)
     SELECT scoped.id AS organisation_id, COALESCE(ss.sites, 0) AS sites,
       COALESCE(ss.sensitive_sites, 0) AS sensitive_sites, COALESCE(ss.devices, 0) AS devices,
       COALESCE(ss.breach, 0) AS breach, COALESCE(ss.action_due, 0) AS action_due,
       COALESCE(ss.unverified, 0) AS unverified, COALESCE(ss.advisory, 0) AS advisory,
       COALESCE(ss.compliant, 0) AS compliant, COALESCE(ss.removed, 0) AS removed,
       COALESCE(ss.in_service, 0) AS in_service, COALESCE(ss.in_service_complete, 0) AS in_service_complete,
       COALESCE(ss.covered_in_service, 0) AS covered_in_service,
       COALESCE(ss.covered_remaining, 0) AS covered_remaining, COALESCE(ss.covered_removed, 0) AS covered_removed,
       COALESCE(ss.covered_core, 0) AS covered_core, COALESCE(se.covered_sensitive, 0) AS covered_sensitive,
       rules.by_rule, GREATEST(ss.last_site_change, ch.last_device_change) AS last_change_at
     FROM scoped LEFT JOIN site_sums ss ON ss.organisation_id = scoped.id
     LEFT JOIN rules ON rules.organisation_id = scoped.id
     LEFT JOIN sensitive se ON se.organisation_id = scoped.id
     LEFT JOIN changes ch ON ch.organisation_id = scoped.id`,
    ...params,
  );
  if (rows.length === 0) return;
  const now = new Date();
  const statuses = rows.map((r) => rollUpStatus({ sites: r.sites, counts: countsOf(r as unknown as Record<string, unknown>) }));
  await db.$executeRawUnsafe(
    `INSERT INTO org_compliance AS c (organisation_id, status, sites, sensitive_sites, devices, breach, action_due,
       unverified, advisory, compliant, removed, by_rule, in_service, in_service_complete, covered_in_service,
       covered_remaining, covered_removed, covered_sensitive, covered_core, last_change_at, evaluated_on, evaluated_at)
     SELECT u.organisation_id, u.status::"OrgStatus", u.sites, u.sensitive_sites, u.devices, u.breach, u.action_due,
       u.unverified, u.advisory, u.compliant, u.removed, u.by_rule::jsonb, u.in_service, u.in_service_complete,
       u.covered_in_service, u.covered_remaining, u.covered_removed, u.covered_sensitive, u.covered_core,
       u.last_change_at, $21::date, $22::timestamp
     FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
       $9::int[], $10::int[], $11::int[], $12::text[], $13::int[], $14::int[], $15::int[], $16::int[],
       $17::int[], $18::int[], $19::int[], $20::timestamp[])
       AS u(organisation_id, status, sites, sensitive_sites, devices, breach, action_due, unverified, advisory,
            compliant, removed, by_rule, in_service, in_service_complete, covered_in_service, covered_remaining,
            covered_removed, covered_sensitive, covered_core, last_change_at)
     ON CONFLICT (organisation_id) DO UPDATE SET status = EXCLUDED.status, sites = EXCLUDED.sites,
       sensitive_sites = EXCLUDED.sensitive_sites, devices = EXCLUDED.devices, breach = EXCLUDED.breach,
       action_due = EXCLUDED.action_due, unverified = EXCLUDED.unverified, advisory = EXCLUDED.advisory,
       compliant = EXCLUDED.compliant, removed = EXCLUDED.removed, by_rule = EXCLUDED.by_rule,
       in_service = EXCLUDED.in_service, in_service_complete = EXCLUDED.in_service_complete,
       covered_in_service = EXCLUDED.covered_in_service, covered_remaining = EXCLUDED.covered_remaining,
       covered_removed = EXCLUDED.covered_removed, covered_sensitive = EXCLUDED.covered_sensitive,
       covered_core = EXCLUDED.covered_core, last_change_at = EXCLUDED.last_change_at,
       evaluated_on = EXCLUDED.evaluated_on, evaluated_at = EXCLUDED.evaluated_at`,
    rows.map((r) => r.organisation_id), statuses, rows.map((r) => r.sites), rows.map((r) => r.sensitive_sites),
    rows.map((r) => r.devices), rows.map((r) => r.breach), rows.map((r) => r.action_due),
    rows.map((r) => r.unverified), rows.map((r) => r.advisory), rows.map((r) => r.compliant),
    rows.map((r) => r.removed), rows.map((r) => JSON.stringify(r.by_rule ?? {})), rows.map((r) => r.in_service),
    rows.map((r) => r.in_service_complete), rows.map((r) => r.covered_in_service),
    rows.map((r) => r.covered_remaining), rows.map((r) => r.covered_removed), rows.map((r) => r.covered_sensitive),
    rows.map((r) => r.covered_core), rows.map((r) => r.last_change_at), asOf, now,
  );
}

/** Re-evaluate what a change touched, inside the caller's transaction. */
export async function reevaluate(db: Db, scope: Exclude<Scope, { all: true }>, asOf: string): Promise<DeviceEvaluationResult> {
  const ctx: EvaluationContext = { register: await loadRegister(db), policy: await loadPolicy(db), asOf };
  const result = await evaluateDevices(db, scope, ctx);
  const siteIds = "siteIds" in scope ? [...new Set([...scope.siteIds, ...result.siteIds])] : [...result.siteIds];
  await rollUpSites(db, siteIds, asOf);
  const orgs = new Set(result.organisationIds);
  if (siteIds.length) {
    const owners = await db.$queryRawUnsafe<{ organisation_id: number }[]>(
      `SELECT DISTINCT organisation_id FROM sites WHERE id = ANY($1::int[])`, siteIds);
    for (const o of owners) orgs.add(o.organisation_id);
  }
  if ("organisationIds" in scope) for (const o of scope.organisationIds) orgs.add(o);
  await rollUpOrganisations(db, [...orgs], asOf);
  await markReturnsForCheck(db, [...orgs]);
  return result;
}

export interface FullEvaluation {
  devices: number;
  changed: number;
  durationMs: number;
  /** Milliseconds spent in each step, so a slow run says where its time went. */
  phases: Record<"devices" | "sites" | "organisations" | "snapshots", number>;
}

// A full run rewrites every stored result, so only one runs at a time across every process: the
// queue hands out one evaluation job at a time (lib/jobs/queue.ts), and this lock also keeps
// `npm run db:evaluate` and start-up's catch-up from running beside a job. It is a session advisory
// lock on a connection of the client's own pool, so a process that dies releases it with its
// connection. A pool of one (embedded PGlite: one process, one session) is not locked: the run
// needs that connection itself, and no other process can reach the database.
const FULL_RUN_LOCK = 4242101;

function lockablePool(db: Db): pg.Pool | null {
  let pool: pg.Pool;
  try {
    pool = poolOf(db as PrismaClient);
  } catch {
    return null;
  }
  return (pool.options.max ?? 10) > 1 ? pool : null;
}

/**
 * Runs `fn` holding the full-run lock (waiting for it while another full run holds it). `fn` gets
 * the locked connection to work on: a plain node-postgres one, since Prisma's driver adapter
 * converts every cell of every row and a full run reads millions (see lib/data/raw-transaction.ts).
 */
export async function withFullRunLock<T>(db: Db, fn: (locked: Db) => Promise<T>): Promise<T> {
  const pool = lockablePool(db);
  if (!pool) return fn(db);
  const conn = await pool.connect();
  let broken = false;
  try {
    await conn.query("SELECT pg_advisory_lock($1)", [FULL_RUN_LOCK]);
    try {
      return await fn(pgExecutor(conn));
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [FULL_RUN_LOCK]).catch(() => {
        broken = true;
      });
    }
  } finally {
    // A connection whose lock could not be released is closed, which releases it.
    conn.release(broken);
  }
}

/** Brings every stored result to `asOf` and writes that day's snapshot. */
export function evaluateEverything(
  db: Db,
  asOf: string,
  onProgress?: (done: number) => void,
): Promise<FullEvaluation> {
  return withFullRunLock(db, (locked) => evaluateEverythingNow(locked, asOf, onProgress));
}

/** The same, for a caller that already holds the full-run lock (see withFullRunLock). */
export async function evaluateEverythingNow(
  db: Db,
  asOf: string,
  onProgress?: (done: number) => void,
): Promise<FullEvaluation> {
  const started = performance.now();
  let lap = started;
  const since = () => {
    const now = performance.now();
    const ms = Math.round(now - lap);
    lap = now;
    return ms;
  };
  const ctx: EvaluationContext = { register: await loadRegister(db), policy: await loadPolicy(db), asOf };
  const result = await evaluateDevices(db, { all: true }, ctx, onProgress);
  const devicesMs = since();
  await rollUpSites(db, null, asOf);
  const sitesMs = since();
  await rollUpOrganisations(db, null, asOf);
  const organisationsMs = since();
  await writeSnapshots(db, asOf);
  // The register or the rules may have changed anything: every open return is checked again.
  await markReturnsForCheck(db, null);
  const snapshotsMs = since();
  const durationMs = Math.round(performance.now() - started);
  await db.$executeRawUnsafe(
    `INSERT INTO evaluation_state (id, evaluated_on, evaluated_at, devices, duration_ms) VALUES (1, $1::date, now(), $2, $3)
     ON CONFLICT (id) DO UPDATE SET evaluated_on = EXCLUDED.evaluated_on, evaluated_at = EXCLUDED.evaluated_at,
       devices = EXCLUDED.devices, duration_ms = EXCLUDED.duration_ms`,
    asOf, result.devices, durationMs,
  );
  return {
    devices: result.devices, changed: result.changed, durationMs,
    phases: { devices: devicesMs, sites: sitesMs, organisations: organisationsMs, snapshots: snapshotsMs },
  };
}

/**
 * Marks the open returns of the departments of these organisations (null: every one) as needing
 * their figures hashed again, in the change's own transaction: a return attested before the
 * change then shows "changed since attestation" if the change moved its figures.
 */
export async function markReturnsForCheck(db: Db, organisationIds: number[] | null): Promise<void> {
  if (organisationIds && organisationIds.length === 0) return;
  const which = organisationIds
    ? `AND r.organisation_id IN (SELECT COALESCE(o.parent_id, o.id) FROM organisations o WHERE o.id = ANY($1::int[]))`
    : "";
  await db.$executeRawUnsafe(
    `UPDATE return_departments r SET check_needed = true
     FROM return_rounds rr WHERE rr.id = r.round_id AND rr.closed_at IS NULL AND NOT r.check_needed ${which}`,
    ...(organisationIds ? [organisationIds] : []),
  );
}

/** One snapshot row per organisation for the day, copied from the stored roll-ups. */
export async function writeSnapshots(db: Db, date: string): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO org_snapshots (organisation_id, date, status, sites, sensitive_sites, devices, breach, action_due,
       unverified, advisory, compliant, removed, by_rule, in_service, in_service_complete, covered_in_service,
       covered_remaining, covered_removed, covered_sensitive, covered_core)
     SELECT organisation_id, $1::date, status, sites, sensitive_sites, devices, breach, action_due, unverified,
       advisory, compliant, removed, by_rule, in_service, in_service_complete, covered_in_service,
       covered_remaining, covered_removed, covered_sensitive, covered_core
     FROM org_compliance
     ON CONFLICT (organisation_id, date) DO UPDATE SET status = EXCLUDED.status, sites = EXCLUDED.sites,
       sensitive_sites = EXCLUDED.sensitive_sites, devices = EXCLUDED.devices, breach = EXCLUDED.breach,
       action_due = EXCLUDED.action_due, unverified = EXCLUDED.unverified, advisory = EXCLUDED.advisory,
       compliant = EXCLUDED.compliant, removed = EXCLUDED.removed, by_rule = EXCLUDED.by_rule,
       in_service = EXCLUDED.in_service, in_service_complete = EXCLUDED.in_service_complete,
       covered_in_service = EXCLUDED.covered_in_service, covered_remaining = EXCLUDED.covered_remaining,
       covered_removed = EXCLUDED.covered_removed, covered_sensitive = EXCLUDED.covered_sensitive,
       covered_core = EXCLUDED.covered_core`,
    date,
  );
}

/** The date the stored results are true for. */
export async function evaluatedOn(db: Db): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ d: string }[]>(`SELECT evaluated_on::text AS d FROM evaluation_state WHERE id = 1`);
  return rows[0]?.d ?? null;
}
