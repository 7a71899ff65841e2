import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "@/generated/prisma/client";
import { DEFAULT_POLICY } from "@/lib/compliance";
import { evaluateEverything } from "@/lib/data/evaluation";
import { backfillSnapshots, historyDates } from "@/lib/seed/backfill-snapshots";
import { bulkInsert, resetSequence } from "@/lib/seed/bulk-insert";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-users";
import { generateSeedData, type DeviceRow, type SeedOptions } from "@/lib/seed/generate";
import { insertRegister, registeredMacPrefixes, seedRegister } from "@/lib/seed/register";

export interface SeedSummary {
  organisations: number;
  sites: number;
  devices: number;
  snapshots: number;
  timings: Record<string, number>;
}

const SEEDED_AT = "2026-01-05T09:00:00Z";

/**
 * Fills an empty, migrated database with deterministic demo data and brings the stored compliance
 * results to `today`. Everything goes in as set-based inserts.
 */
export async function seedDatabase(
  db: PrismaClient,
  options: SeedOptions,
  today: string,
  log: (line: string) => void = () => {},
): Promise<SeedSummary> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const data = generateSeedData(options);

  await bulkInsert(db, "organisations", [
    { name: "id", type: "int", value: (o) => o.id },
    { name: "name", type: "text", value: (o) => o.name },
    { name: "acronym", type: "text", value: (o) => o.acronym },
    { name: "slug", type: "text", value: (o) => o.slug },
    { name: "type", type: '"OrgType"', value: (o) => o.type },
    { name: "parent_id", type: "int", value: (o) => o.parentId },
    { name: "updated_at", type: "timestamp", value: () => SEEDED_AT },
  ], data.organisations);

  await bulkInsert(db, "sites", [
    { name: "id", type: "int", value: (s) => s.id },
    { name: "organisation_id", type: "int", value: (s) => s.organisationId },
    { name: "name", type: "text", value: (s) => s.name },
    { name: "site_code", type: "text", value: (s) => s.siteCode },
    { name: "address_line1", type: "text", value: (s) => s.addressLine1 },
    { name: "town", type: "text", value: (s) => s.town },
    { name: "postcode", type: "text", value: (s) => s.postcode },
    { name: "uprn", type: "text", value: (s) => s.uprn },
    { name: "epims_id", type: "text", value: (s) => s.epimsId },
    { name: "sensitivity", type: '"Sensitivity"', value: (s) => s.sensitivity },
    { name: "holds_secret_material", type: "bool", value: (s) => s.holdsSecretMaterial },
    { name: "hosts_dv_staff", type: "bool", value: (s) => s.hostsDvStaff },
    { name: "used_by_ministers", type: "bool", value: (s) => s.usedByMinisters },
    { name: "socpa_designated", type: "bool", value: (s) => s.socpaDesignated },
    { name: "highest_classification", type: '"Classification"', value: (s) => s.highestClassification },
    { name: "controls_extended", type: "bool", value: (s) => s.controlsExtended },
    { name: "sensitive_since", type: "date", value: (s) => s.sensitiveSince },
    { name: "assessed_by", type: "text", value: (s) => s.assessedBy },
    { name: "assessed_on", type: "date", value: (s) => s.assessedOn },
    { name: "updated_at", type: "timestamp", value: () => SEEDED_AT },
  ], data.sites);

  await bulkInsert(db, "site_sensitivity_history", [
    { name: "site_id", type: "int", value: (h) => h.siteId },
    { name: "sensitivity", type: '"Sensitivity"', value: (h) => h.sensitivity },
    { name: "holds_secret_material", type: "bool", value: (h) => h.holdsSecretMaterial },
    { name: "hosts_dv_staff", type: "bool", value: (h) => h.hostsDvStaff },
    { name: "used_by_ministers", type: "bool", value: (h) => h.usedByMinisters },
    { name: "socpa_designated", type: "bool", value: (h) => h.socpaDesignated },
    { name: "highest_classification", type: '"Classification"', value: (h) => h.highestClassification },
    { name: "controls_extended", type: "bool", value: (h) => h.controlsExtended },
    { name: "effective_from", type: "date", value: (h) => h.effectiveFrom },
    { name: "assessed_by", type: "text", value: (h) => h.assessedBy },
    { name: "assessed_on", type: "date", value: (h) => h.assessedOn },
  ], data.history);

  await bulkInsert(db, "camera_systems", [
    { name: "id", type: "int", value: (s) => s.id },
    { name: "site_id", type: "int", value: (s) => s.siteId },
    { name: "name", type: "text", value: (s) => s.name },
    { name: "description", type: "text", value: (s) => s.description },
    { name: "updated_at", type: "timestamp", value: () => SEEDED_AT },
  ], data.systems);
  lap("estate");

  const deviceColumns = [
    { name: "id", type: "int", value: (d: DeviceRow) => d.id },
    { name: "organisation_id", type: "int", value: (d: DeviceRow) => d.organisationId },
    { name: "site_id", type: "int", value: (d: DeviceRow) => d.siteId },
    { name: "system_id", type: "int", value: (d: DeviceRow) => d.systemId },
    { name: "kind", type: '"DeviceKind"', value: (d: DeviceRow) => d.kind },
    { name: "brand", type: "text", value: (d: DeviceRow) => d.brand },
    { name: "model", type: "text", value: (d: DeviceRow) => d.model },
    { name: "serial", type: "text", value: (d: DeviceRow) => d.serial },
    { name: "asset_tag", type: "text", value: (d: DeviceRow) => d.assetTag },
    { name: "mac", type: "text", value: (d: DeviceRow) => d.mac },
    { name: "ip", type: "text", value: (d: DeviceRow) => d.ip },
    { name: "installed_on", type: "date", value: (d: DeviceRow) => d.installedOn },
    { name: "network", type: '"Network"', value: (d: DeviceRow) => d.network },
    { name: "vendor_cloud", type: "bool", value: (d: DeviceRow) => d.vendorCloud },
    { name: "lifecycle", type: '"Lifecycle"', value: (d: DeviceRow) => d.lifecycle },
    { name: "decommissioned_on", type: "date", value: (d: DeviceRow) => d.decommissionedOn },
    { name: "removed_on", type: "date", value: (d: DeviceRow) => d.removedOn },
    { name: "removal_evidence", type: "text", value: (d: DeviceRow) => d.removalEvidence },
    { name: "notes", type: "text", value: (d: DeviceRow) => d.notes },
    { name: "updated_at", type: "timestamp", value: () => SEEDED_AT },
  ];
  let buffer: DeviceRow[] = [];
  let deviceCount = 0;
  for (const device of data.devices()) {
    buffer.push(device);
    if (buffer.length === 20_000) {
      await bulkInsert(db, "devices", deviceColumns, buffer);
      deviceCount += buffer.length;
      buffer = [];
      if (deviceCount % 200_000 === 0) log(`  ${deviceCount.toLocaleString("en-GB")} devices`);
    }
  }
  await bulkInsert(db, "devices", deviceColumns, buffer);
  deviceCount += buffer.length;

  await bulkInsert(db, "exemptions", [
    { name: "device_id", type: "int", value: (e) => e.deviceId },
    { name: "justification", type: "text", value: (e) => e.justification },
    { name: "approved_by", type: "text", value: (e) => e.approvedBy },
    { name: "approved_on", type: "date", value: (e) => e.approvedOn },
    { name: "expires_on", type: "date", value: (e) => e.expiresOn },
    { name: "created_at", type: "timestamp", value: (e) => `${e.approvedOn}T12:00:00Z` },
  ], data.exemptions);
  lap("devices");

  const macRows = registeredMacPrefixes();
  await insertRegister(db, macRows);
  await db.$executeRawUnsafe(
    `INSERT INTO policy_settings (id, cut_off, removal_deadline, reclassification_grace_days, updated_at, updated_by)
     VALUES (1, $1::date, $2::date, $3, now(), 'seed')`,
    DEFAULT_POLICY.cutOff, DEFAULT_POLICY.removalDeadline, DEFAULT_POLICY.reclassificationGraceDays,
  );

  const acronymToId = new Map(data.organisations.map((o) => [o.acronym, o.id] as const));
  const passwordHash = await hash(DEMO_PASSWORD);
  await bulkInsert(db, "users", [
    { name: "email", type: "text", value: (u) => u.email },
    { name: "name", type: "text", value: (u) => u.name },
    { name: "password_hash", type: "text", value: () => passwordHash },
    { name: "role", type: '"Role"', value: (u) => u.role },
    { name: "organisation_id", type: "int", value: (u) => (u.organisation ? acronymToId.get(u.organisation) : null) },
    { name: "accountable_official", type: "bool", value: (u) => u.accountableOfficial === true },
    { name: "updated_at", type: "timestamp", value: () => SEEDED_AT },
  ], DEMO_USERS);

  for (const table of ["organisations", "sites", "camera_systems", "devices", "exemptions", "producers", "brands", "model_prefixes", "mac_prefixes", "users", "site_sensitivity_history"]) {
    await resetSequence(db, table);
  }
  lap("register");

  // Fresh statistics, or the planner guesses from empty tables and picks whole-table scans.
  await db.$executeRawUnsafe("ANALYZE");

  // History first, so today's evaluation writes the latest snapshot over it. At every scale, so
  // the benchmark database's dashboard carries the same history as a real one would.
  let snapshots = 0;
  {
    const dates = historyDates(today);
    const rows = backfillSnapshots(data, seedRegister(macRows), DEFAULT_POLICY, dates);
    snapshots = rows.length;
    await bulkInsert(db, "org_snapshots", [
      { name: "organisation_id", type: "int", value: (r) => r.organisationId },
      { name: "date", type: "date", value: (r) => r.date },
      { name: "status", type: '"OrgStatus"', value: (r) => r.status },
      { name: "sites", type: "int", value: (r) => r.sites },
      { name: "sensitive_sites", type: "int", value: (r) => r.sensitiveSites },
      { name: "devices", type: "int", value: (r) => r.devices },
      { name: "breach", type: "int", value: (r) => r.counts.BREACH ?? 0 },
      { name: "action_due", type: "int", value: (r) => r.counts.ACTION_DUE ?? 0 },
      { name: "unverified", type: "int", value: (r) => r.counts.UNVERIFIED ?? 0 },
      { name: "advisory", type: "int", value: (r) => r.counts.ADVISORY ?? 0 },
      { name: "compliant", type: "int", value: (r) => r.counts.COMPLIANT ?? 0 },
      { name: "removed", type: "int", value: (r) => r.counts.REMOVED ?? 0 },
      { name: "by_rule", type: "text", value: (r) => JSON.stringify(r.byRule), castTo: "jsonb" },
      { name: "in_service", type: "int", value: (r) => r.inService },
      { name: "in_service_complete", type: "int", value: (r) => r.inServiceComplete },
      { name: "covered_in_service", type: "int", value: (r) => r.coveredInService },
      { name: "covered_remaining", type: "int", value: (r) => r.coveredRemaining },
      { name: "covered_removed", type: "int", value: (r) => r.coveredRemoved },
      { name: "covered_sensitive", type: "int", value: (r) => r.coveredSensitive },
      { name: "covered_core", type: "int", value: (r) => r.coveredCore },
    ], rows);
    lap("history");
  }

  const evaluation = await evaluateEverything(db, today, (done) => {
    if (done % 200_000 === 0) log(`  evaluated ${done.toLocaleString("en-GB")} devices`);
  });
  await db.$executeRawUnsafe("ANALYZE");
  lap("evaluation");
  return {
    organisations: data.organisations.length,
    sites: data.sites.length,
    devices: evaluation.devices,
    snapshots: snapshots + data.organisations.length,
    timings,
  };
}
