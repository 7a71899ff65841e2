// Applies validated import rows to the register with set-based SQL, inside the caller's transaction:
// the rows go into a temporary staging table in chunks, sites and devices are matched by their
// natural keys there, and a handful of INSERT … SELECT / UPDATE … FROM statements do the rest.
// The preview stages and matches the rows the same way and plans the same actions, then works out
// the statuses in memory with the engine instead of writing (see previewStatuses); a test holds
// the preview equal to what confirming does.
// No "server-only" marker: the benchmark runs this too. Callers check the actor first.
import type { DeviceStatus } from "@/lib/compliance";
import type { PrismaClient } from "@/generated/prisma/client";
import {
  assessFactRow,
  FactBuilder,
  latestExemptionJoin,
  loadPolicy,
  loadRegister,
  reevaluate,
  type Db,
  type FactRow,
} from "@/lib/data/evaluation";
import { rawTransaction } from "@/lib/data/raw-transaction";
import type { RowError } from "@/lib/import/validate-file";
import type { ImportColumnName, ImportRow } from "@/lib/validation/import-row";

export type StatusFrom = DeviceStatus | "NEW" | "NOT_EVALUATED";

export interface StatusChange {
  from: StatusFrom;
  to: DeviceStatus | "NOT_EVALUATED";
  devices: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  sitesCreated: number;
  systemsCreated: number;
  /** Problems only the register can reveal (a serial number already on another device…). */
  conflicts: RowError[];
  conflictCount: number;
  /** Device statuses of the rows in the file, before and after, grouped. */
  changes: StatusChange[];
  siteIds: number[];
}

export type ImportPhase = "staging" | "matching" | "writing" | "evaluating" | "done";
export type ProgressListener = (phase: ImportPhase, done: number) => void;

const CHUNK = 2_000;

// Column name, array type for unnest, and how to read it from a row.
const STAGED: readonly [string, string, (r: ImportRow) => unknown][] = [
  ["row", "int", (r) => r.row],
  ["organisation_id", "int", (r) => r.organisationId],
  ["site_code", "text", (r) => r.siteCode],
  ["epims_id", "text", (r) => r.epimsId],
  ["site_name", "text", (r) => r.site?.name ?? null],
  ["address_line1", "text", (r) => r.site?.addressLine1 ?? null],
  ["town", "text", (r) => r.site?.town ?? null],
  ["postcode", "text", (r) => r.site?.postcode ?? null],
  ["sensitivity", "text", (r) => r.site?.sensitivity ?? null],
  ["holds_secret_material", "bool", (r) => r.site?.holdsSecretMaterial ?? null],
  ["hosts_dv_staff", "bool", (r) => r.site?.hostsDvStaff ?? null],
  ["used_by_ministers", "bool", (r) => r.site?.usedByMinisters ?? null],
  ["socpa_designated", "bool", (r) => r.site?.socpaDesignated ?? null],
  ["controls_extended", "bool", (r) => r.site?.controlsExtended ?? null],
  ["sensitive_since", "date", (r) => r.site?.sensitiveSince ?? null],
  ["system", "text", (r) => r.system],
  ["kind", "text", (r) => r.kind],
  ["brand", "text", (r) => r.brand],
  ["model", "text", (r) => r.model],
  ["serial", "text", (r) => r.serial],
  ["asset_tag", "text", (r) => r.assetTag],
  ["mac", "text", (r) => r.mac],
  ["ip", "text", (r) => r.ip],
  ["installed_on", "date", (r) => r.installedOn],
  ["network", "text", (r) => r.network],
  ["vendor_cloud", "bool", (r) => r.vendorCloud],
  ["lifecycle", "text", (r) => r.lifecycle],
  ["decommissioned_on", "date", (r) => r.decommissionedOn],
  ["removed_on", "date", (r) => r.removedOn],
  ["removal_evidence", "text", (r) => r.removalEvidence],
  ["notes", "text", (r) => r.notes],
];

const CREATE_STAGING = `
  CREATE TEMP TABLE import_staging (
    ${STAGED.map(([name, type]) => `${name} ${type === "int" ? "integer" : type === "bool" ? "boolean" : type}`).join(",\n    ")},
    site_id integer, system_id integer, device_id integer, old_site_id integer,
    matched_by text, same_device_rows integer, status_before text, action text
  ) ON COMMIT DROP`;

const INSERT_STAGING = `
  INSERT INTO import_staging (${STAGED.map(([n]) => n).join(", ")})
  SELECT * FROM unnest(${STAGED.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;

async function stage(tx: Db, rows: AsyncIterable<ImportRow>, progress?: ProgressListener): Promise<number> {
  await tx.$executeRawUnsafe(CREATE_STAGING);
  let buffer: ImportRow[] = [];
  let total = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const arrays = STAGED.map(([, , read]) => buffer.map(read));
    await tx.$executeRawUnsafe(INSERT_STAGING, ...arrays);
    total += buffer.length;
    buffer = [];
    progress?.("staging", total);
  };
  for await (const r of rows) {
    buffer.push(r);
    if (buffer.length >= CHUNK) await flush();
  }
  await flush();
  await tx.$executeRawUnsafe(`ALTER TABLE import_staging ADD PRIMARY KEY (row)`);
  await tx.$executeRawUnsafe(`ANALYZE import_staging`);
  return total;
}

interface ConflictRow {
  row: number;
  column: string;
  message: string;
}

// Each query names rows the register cannot take as they are. Messages never reveal another
// organisation's records beyond "already used".
const CONFLICT_QUERIES: readonly string[] = [
  `SELECT row, 'site_code' AS column, 'Site ' || COALESCE(site_code, epims_id) || ' is no longer in the register: add its details to create it again' AS message
     FROM import_staging WHERE site_id IS NULL AND site_name IS NULL`,
  `SELECT st.row, 'epims_id' AS column, 'ePIMS ID ' || st.epims_id || ' is already used by another site' AS message
     FROM import_staging st JOIN sites s ON s.epims_id = st.epims_id
     WHERE st.site_id IS NULL AND st.epims_id IS NOT NULL`,
  `SELECT st.row, 'site_code' AS column, 'Site ' || s.site_code || ' is archived: restore it before importing devices into it' AS message
     FROM import_staging st JOIN sites s ON s.id = st.site_id WHERE s.archived_at IS NOT NULL`,
  `SELECT st.row, 'serial' AS column, 'Serial number ' || st.serial || ' is already recorded on another device' ||
          CASE WHEN d.asset_tag IS NOT NULL THEN ' (asset tag ' || d.asset_tag || ')' ELSE '' END AS message
     FROM import_staging st JOIN devices d ON d.organisation_id = st.organisation_id AND d.serial = st.serial
     WHERE st.serial IS NOT NULL AND d.id IS DISTINCT FROM st.device_id`,
  `SELECT st.row, 'asset_tag' AS column, 'Asset tag ' || st.asset_tag || ' is already recorded on another device' AS message
     FROM import_staging st JOIN devices d ON d.organisation_id = st.organisation_id AND d.asset_tag = st.asset_tag
     WHERE st.asset_tag IS NOT NULL AND d.id IS DISTINCT FROM st.device_id`,
  `SELECT st.row, COALESCE(st.matched_by, 'asset_tag') AS column,
          'This row and row ' || o.first_row || ' describe the same device already in the register: list each device once' AS message
     FROM import_staging st JOIN (
       SELECT device_id, min(row) AS first_row FROM import_staging WHERE device_id IS NOT NULL GROUP BY device_id HAVING count(*) > 1
     ) o ON o.device_id = st.device_id AND st.row <> o.first_row`,
];

/** Matches rows to sites and devices by natural key, and lists the rows the register cannot take. */
async function match(tx: Db): Promise<ConflictRow[]> {
  // A site is found by its code within the organisation, else by its ePIMS ID there.
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET site_id = s.id FROM sites s
    WHERE st.site_code IS NOT NULL AND s.organisation_id = st.organisation_id AND s.site_code = st.site_code`);
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET site_id = s.id FROM sites s
    WHERE st.site_id IS NULL AND st.epims_id IS NOT NULL AND s.organisation_id = st.organisation_id AND s.epims_id = st.epims_id`);

  // A device is found by asset tag, else serial, else MAC, within the organisation. A weaker key
  // only matches a device whose stronger keys do not contradict the row's.
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET device_id = d.id, matched_by = 'asset_tag' FROM devices d
    WHERE st.asset_tag IS NOT NULL AND d.organisation_id = st.organisation_id AND d.asset_tag = st.asset_tag`);
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET device_id = d.id, matched_by = 'serial' FROM devices d
    WHERE st.device_id IS NULL AND st.serial IS NOT NULL AND d.organisation_id = st.organisation_id AND d.serial = st.serial
      AND (d.asset_tag IS NULL OR st.asset_tag IS NULL)`);
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET device_id = m.id, matched_by = 'mac', same_device_rows = m.n FROM (
      SELECT s2.row, min(d.id) AS id, count(*)::int AS n
      FROM import_staging s2 JOIN devices d ON d.organisation_id = s2.organisation_id AND d.mac = s2.mac
      WHERE s2.device_id IS NULL AND s2.mac IS NOT NULL
        AND (d.asset_tag IS NULL OR s2.asset_tag IS NULL) AND (d.serial IS NULL OR s2.serial IS NULL)
      GROUP BY s2.row) m
    WHERE m.row = st.row`);

  const conflicts: ConflictRow[] = [];
  for (const sql of CONFLICT_QUERIES) {
    conflicts.push(...(await tx.$queryRawUnsafe<ConflictRow[]>(`${sql} ORDER BY 1 LIMIT 1000`)));
  }
  conflicts.push(
    ...(await tx.$queryRawUnsafe<ConflictRow[]>(
      `SELECT row, 'mac' AS column, 'MAC address ' || mac || ' is recorded on more than one device: add the asset tag or serial number to say which' AS message
       FROM import_staging WHERE matched_by = 'mac' AND same_device_rows > 1 ORDER BY 1 LIMIT 1000`,
    )),
  );
  return conflicts.sort((a, b) => a.row - b.row);
}

const DEVICE_VALUES = `st.site_id, st.system_id, st.kind::"DeviceKind", st.brand, st.model, st.serial, st.asset_tag, st.mac,
  st.ip, st.installed_on, st.network::"Network", st.vendor_cloud, st.lifecycle::"Lifecycle", st.decommissioned_on,
  st.removed_on, st.removal_evidence, st.notes`;
const DEVICE_COLUMNS = `site_id, system_id, kind, brand, model, serial, asset_tag, mac, ip, installed_on, network,
  vendor_cloud, lifecycle, decommissioned_on, removed_on, removal_evidence, notes`;

/**
 * Decides what each row will do (create, update or leave unchanged) and records the status its
 * device has now, before anything is written: the preview and the import share this, so they
 * cannot disagree. A site or camera system that the import would create has no id yet; it
 * compares as -1, unequal to every real id, which is what it will be once created.
 */
async function plan(tx: Db): Promise<{ sitesCreated: number; systemsCreated: number }> {
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET system_id = c.id FROM camera_systems c
    WHERE st.system IS NOT NULL AND c.site_id = st.site_id AND c.name = st.system`);
  await tx.$executeRawUnsafe(`
    UPDATE import_staging st SET old_site_id = d.site_id, status_before = COALESCE(dc.status::text, 'NOT_EVALUATED'),
      action = CASE WHEN (d.site_id, d.system_id, d.kind::text, d.brand, d.model, d.serial, d.asset_tag, d.mac, d.ip,
                          d.installed_on, d.network::text, d.vendor_cloud, d.lifecycle::text, d.decommissioned_on,
                          d.removed_on, d.removal_evidence, d.notes)
                    IS NOT DISTINCT FROM
                         (COALESCE(st.site_id, -1), CASE WHEN st.system IS NULL THEN NULL ELSE COALESCE(st.system_id, -1) END,
                          st.kind, st.brand, st.model, st.serial, st.asset_tag, st.mac, st.ip,
                          st.installed_on, st.network, st.vendor_cloud, st.lifecycle, st.decommissioned_on,
                          st.removed_on, st.removal_evidence, st.notes)
                    THEN 'unchanged' ELSE 'update' END
    FROM devices d LEFT JOIN device_compliance dc ON dc.device_id = d.id
    WHERE d.id = st.device_id`);
  await tx.$executeRawUnsafe(`UPDATE import_staging SET action = 'create', status_before = 'NEW' WHERE device_id IS NULL`);
  const [counts] = await tx.$queryRawUnsafe<{ sites: number; systems: number }[]>(`
    SELECT (SELECT count(DISTINCT (organisation_id, site_code))::int FROM import_staging WHERE site_id IS NULL) AS sites,
           (SELECT count(DISTINCT (COALESCE(site_id::text, organisation_id || ':' || site_code), system))::int
              FROM import_staging WHERE system IS NOT NULL AND system_id IS NULL) AS systems`);
  return { sitesCreated: counts?.sites ?? 0, systemsCreated: counts?.systems ?? 0 };
}

/** Writes what plan() decided: new sites with their history, new systems, then the devices. */
async function write(tx: Db, asOf: string): Promise<{ sitesCreated: number; systemsCreated: number }> {
  // New sites, each with the first entry of its sensitivity history.
  const sitesCreated = await tx.$executeRawUnsafe(
    `WITH new_sites AS (
       INSERT INTO sites (organisation_id, name, site_code, address_line1, town, postcode, epims_id, sensitivity,
         holds_secret_material, hosts_dv_staff, used_by_ministers, socpa_designated, controls_extended,
         sensitive_since, updated_at)
       SELECT DISTINCT ON (organisation_id, site_code) organisation_id, site_name, site_code, address_line1, town,
         postcode, epims_id, sensitivity::"Sensitivity", holds_secret_material, hosts_dv_staff, used_by_ministers,
         socpa_designated, controls_extended, sensitive_since, now()
       FROM import_staging WHERE site_id IS NULL
       ORDER BY organisation_id, site_code, row
       RETURNING id, sensitivity, holds_secret_material, hosts_dv_staff, used_by_ministers, socpa_designated,
         controls_extended, sensitive_since)
     INSERT INTO site_sensitivity_history (site_id, sensitivity, holds_secret_material, hosts_dv_staff,
       used_by_ministers, socpa_designated, controls_extended, effective_from)
     SELECT id, sensitivity, holds_secret_material, hosts_dv_staff, used_by_ministers, socpa_designated,
       controls_extended, COALESCE(sensitive_since, $1::date)
     FROM new_sites`,
    asOf,
  );
  if (sitesCreated > 0) {
    await tx.$executeRawUnsafe(`
      UPDATE import_staging st SET site_id = s.id FROM sites s
      WHERE st.site_id IS NULL AND s.organisation_id = st.organisation_id AND s.site_code = st.site_code`);
  }

  const systemsCreated = await tx.$executeRawUnsafe(`
    INSERT INTO camera_systems (site_id, name, updated_at)
    SELECT DISTINCT site_id, system, now() FROM import_staging WHERE system IS NOT NULL AND system_id IS NULL
    ON CONFLICT (site_id, name) DO NOTHING`);
  if (systemsCreated > 0) {
    await tx.$executeRawUnsafe(`
      UPDATE import_staging st SET system_id = c.id FROM camera_systems c
      WHERE st.system IS NOT NULL AND st.system_id IS NULL AND c.site_id = st.site_id AND c.name = st.system`);
  }

  // New devices get their ids first, so each row keeps track of the device it made.
  await tx.$executeRawUnsafe(`
    UPDATE import_staging SET device_id = nextval(pg_get_serial_sequence('devices', 'id')) WHERE action = 'create'`);
  await tx.$executeRawUnsafe(`
    INSERT INTO devices (id, organisation_id, ${DEVICE_COLUMNS}, updated_at)
    SELECT st.device_id, st.organisation_id, ${DEVICE_VALUES}, now()
    FROM import_staging st WHERE st.action = 'create' ORDER BY st.row`);
  await tx.$executeRawUnsafe(`
    UPDATE devices d SET (${DEVICE_COLUMNS}) = (${DEVICE_VALUES}), version = d.version + 1, updated_at = now()
    FROM import_staging st WHERE st.action = 'update' AND d.id = st.device_id`);
  return { sitesCreated, systemsCreated };
}

// The sites whose devices the import re-evaluates: where a device is created or changed, and
// where a moved device was before.
const TOUCHED_SITES = `
  SELECT site_id FROM import_staging WHERE action <> 'unchanged' AND site_id IS NOT NULL
  UNION SELECT old_site_id FROM import_staging WHERE action = 'update' AND old_site_id IS NOT NULL`;

/**
 * The status each row's device will have, worked out in memory by the engine from the staged
 * rows (and, for sites already in the register, their stored details) without writing anything.
 * It mirrors the import: a row that changes nothing keeps its stored status unless its site is
 * re-evaluated anyway because another row touches it.
 */
async function previewStatuses(tx: Db, asOf: string): Promise<StatusChange[]> {
  const ctx = { register: await loadRegister(tx), policy: await loadPolicy(tx), asOf };
  const builder = new FactBuilder(ctx.register);
  const grouped = new Map<string, StatusChange>();
  const count = (from: StatusFrom, to: StatusChange["to"]) => {
    const key = `${from}\u0000${to}`;
    const c = grouped.get(key);
    if (c) c.devices += 1;
    else grouped.set(key, { from, to, devices: 1 });
  };
  // Rows are numbered from 2 in a file (the header is 1) and from 0 in the API's bulk upsert.
  let after = -1;
  for (;;) {
    const rows = await tx.$queryRawUnsafe<(FactRow & { status_before: StatusFrom; reassess: boolean })[]>(
      `SELECT st.row AS id, st.organisation_id, COALESCE(st.site_id, -1) AS site_id, st.brand, st.model, st.mac,
              st.installed_on::text AS installed_on, st.network, st.vendor_cloud, st.lifecycle,
              COALESCE(s.sensitivity::text, st.sensitivity) AS sensitivity,
              CASE WHEN s.id IS NULL THEN st.sensitive_since::text ELSE s.sensitive_since::text END AS sensitive_since,
              CASE WHEN s.id IS NULL THEN COALESCE(st.controls_extended, false) ELSE s.controls_extended END AS controls_extended,
              e.approved_by, e.expires_on, st.status_before,
              (st.action <> 'unchanged' OR st.site_id IN (${TOUCHED_SITES})) AS reassess
       FROM import_staging st
       LEFT JOIN sites s ON s.id = st.site_id
       ${latestExemptionJoin("st.device_id")}
       WHERE st.row > $1 ORDER BY st.row LIMIT 20000`,
      after,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      count(row.status_before, row.reassess ? assessFactRow(builder, row, ctx).assessment.status : (row.status_before as StatusChange["to"]));
    }
    after = rows.at(-1)!.id;
  }
  return sortChanges([...grouped.values()]);
}

/** Most devices first, then by status name: the same order for the preview and the import. */
function sortChanges(changes: StatusChange[]): StatusChange[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return changes.sort((a, b) => b.devices - a.devices || byName(a.from, b.from) || byName(a.to, b.to));
}

/**
 * Stages, matches and writes the rows, re-evaluates what changed and reports the outcome. When the
 * register refuses some rows (`conflicts`), nothing is written and the caller must roll back.
 */
export async function runImport(
  tx: Db,
  rows: AsyncIterable<ImportRow>,
  asOf: string,
  progress?: ProgressListener,
  mode: "apply" | "preview" = "apply",
): Promise<ImportResult> {
  // One import at a time: two imports matching the same keys would otherwise both create.
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(4242001)::text AS locked`);
  await stage(tx, rows, progress);
  progress?.("matching", 0);
  const conflicts = await match(tx);
  const result: ImportResult = {
    created: 0, updated: 0, unchanged: 0, sitesCreated: 0, systemsCreated: 0,
    conflicts: conflicts.slice(0, 1000).map((c) => ({ row: c.row, column: c.column as ImportColumnName, message: c.message })),
    conflictCount: conflicts.length,
    changes: [],
    siteIds: [],
  };
  if (conflicts.length > 0) return result;

  const planned = await plan(tx);
  const counts = await tx.$queryRawUnsafe<{ action: string; n: number }[]>(
    `SELECT action, count(*)::int AS n FROM import_staging GROUP BY action`,
  );
  for (const c of counts) {
    if (c.action === "create") result.created = c.n;
    else if (c.action === "update") result.updated = c.n;
    else if (c.action === "unchanged") result.unchanged = c.n;
  }

  if (mode === "preview") {
    progress?.("evaluating", 0);
    result.sitesCreated = planned.sitesCreated;
    result.systemsCreated = planned.systemsCreated;
    result.changes = await previewStatuses(tx, asOf);
    result.siteIds = (await tx.$queryRawUnsafe<{ site_id: number }[]>(TOUCHED_SITES)).map((t) => t.site_id);
    progress?.("done", result.created + result.updated + result.unchanged);
    return result;
  }

  progress?.("writing", 0);
  const written = await write(tx, asOf);
  result.sitesCreated = written.sitesCreated;
  result.systemsCreated = written.systemsCreated;
  result.siteIds = (await tx.$queryRawUnsafe<{ site_id: number }[]>(TOUCHED_SITES)).map((t) => t.site_id);
  if (result.siteIds.length > 0) {
    progress?.("evaluating", 0);
    await reevaluate(tx, { siteIds: result.siteIds }, asOf);
  }

  const changes = await tx.$queryRawUnsafe<{ from: string; to: string; devices: number }[]>(
    `SELECT st.status_before AS "from", COALESCE(dc.status::text, 'NOT_EVALUATED') AS "to", count(*)::int AS devices
     FROM import_staging st LEFT JOIN device_compliance dc ON dc.device_id = st.device_id
     GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
  );
  result.changes = sortChanges(changes as StatusChange[]);
  progress?.("done", result.created + result.updated + result.unchanged);
  return result;
}

/** Thrown inside a transaction to roll a dry run back while keeping what it found. */
export class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("Dry run: rolled back");
  }
}

/** Runs the import and rolls it back: the preview of exactly what confirming would do. */
export async function previewImport(
  client: PrismaClient,
  rows: () => AsyncIterable<ImportRow>,
  asOf: string,
  progress?: ProgressListener,
): Promise<ImportResult> {
  try {
    await rawTransaction(client, async (tx) => {
      throw new DryRunRollback(await runImport(tx, rows(), asOf, progress, "preview"));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
  throw new Error("unreachable: the dry run always rolls back");
}

/** Statuses before and after, counted from the grouped changes. */
export function statusTotals(changes: readonly StatusChange[]): { before: Record<string, number>; after: Record<string, number> } {
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  for (const c of changes) {
    before[c.from] = (before[c.from] ?? 0) + c.devices;
    after[c.to] = (after[c.to] ?? 0) + c.devices;
  }
  return { before, after };
}
