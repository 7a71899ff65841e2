import { describe, expect, it } from "vitest";
import { testDb } from "./helpers";
import { evaluatedOn, evaluateDevices, evaluateEverything, loadPolicy, loadRegister, type EvaluationContext } from "@/lib/data/evaluation";

// A run compares each fresh result with the stored one and writes only those that differ; these
// tests spoil stored results one column at a time and check every one is noticed and put right.
const SPOILERS: { what: string; sql: string; needsFindings?: boolean }[] = [
  { what: "status", sql: `status = CASE WHEN status = 'COMPLIANT' THEN 'BREACH'::"DeviceStatus" ELSE 'COMPLIANT'::"DeviceStatus" END` },
  { what: "producer", sql: `producer = CASE WHEN producer = 'COVERED' THEN 'NOT_COVERED'::"ProducerClass" ELSE 'COVERED'::"ProducerClass" END` },
  { what: "producer name", sql: `producer_name = COALESCE(producer_name, '') || ' (spoilt)'` },
  { what: "producer note", sql: `producer_note = COALESCE(producer_note, '') || ' (spoilt)'` },
  { what: "rule ids", sql: `rule_ids = rule_ids || '{spoilt}'::text[]` },
  { what: "a finding's message", sql: `findings = jsonb_set(findings, '{0,message}', '"spoilt"')`, needsFindings: true },
  { what: "an extra key in a finding", sql: `findings = jsonb_set(findings, '{0,extra}', '1')`, needsFindings: true },
  { what: "findings where there were none", sql: `findings = '[{"ruleId":"X","status":"BREACH","message":"spoilt"}]'::jsonb` },
  { what: "in service", sql: `in_service = NOT in_service` },
  { what: "covered", sql: `covered = NOT covered` },
  { what: "controlled site", sql: `controlled_site = NOT controlled_site` },
  { what: "sensitive site", sql: `sensitive_site = NOT sensitive_site` },
  { what: "core network", sql: `core_network = NOT core_network` },
  { what: "complete", sql: `complete = NOT complete` },
  { what: "site", sql: `site_id = (SELECT id FROM sites WHERE id <> device_compliance.site_id ORDER BY id LIMIT 1)` },
];

interface Stored {
  device_id: number; status: string; producer: string; producer_name: string | null; producer_note: string | null;
  rule_ids: string[]; findings: unknown; in_service: boolean; covered: boolean; controlled_site: boolean;
  sensitive_site: boolean; core_network: boolean; complete: boolean; organisation_id: number; site_id: number;
}

async function storedResults(ids: number[]): Promise<Stored[]> {
  return testDb().$queryRawUnsafe<Stored[]>(
    `SELECT device_id, status::text AS status, producer::text AS producer, producer_name, producer_note, rule_ids, findings,
       in_service, covered, controlled_site, sensitive_site, core_network, complete, organisation_id, site_id
     FROM device_compliance WHERE device_id = ANY($1::int[]) ORDER BY device_id`, ids);
}

/** One device per spoiler (with findings where the spoiler needs some), and none used twice. */
async function pickDevices(): Promise<number[]> {
  const db = testDb();
  const withFindings = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT device_id AS id FROM device_compliance WHERE findings <> '[]'::jsonb ORDER BY device_id DESC LIMIT 40`);
  const without = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT device_id AS id FROM device_compliance WHERE findings = '[]'::jsonb ORDER BY device_id DESC LIMIT 40`);
  const a = withFindings.map((r) => r.id);
  const b = without.map((r) => r.id);
  return SPOILERS.map((s, i) => (s.needsFindings || i % 2 === 0 ? a[i]! : b[i]!));
}

async function spoil(ids: number[]): Promise<void> {
  for (const [i, s] of SPOILERS.entries()) {
    const n = await testDb().$executeRawUnsafe(`UPDATE device_compliance SET ${s.sql} WHERE device_id = $1`, ids[i]!);
    expect(n, s.what).toBe(1);
  }
}

describe("re-evaluation writes what changed", () => {
  it("notices a stored result that differs from the engine's in any column, and leaves equal ones alone", async () => {
    const db = testDb();
    const asOf = (await evaluatedOn(db))!;
    const ctx: EvaluationContext = { register: await loadRegister(db), policy: await loadPolicy(db), asOf };
    const ids = await pickDevices();
    // Brought to the engine's word first, so the counts below are this test's own.
    await evaluateDevices(db, { deviceIds: ids }, ctx);
    const before = await storedResults(ids);
    expect(before).toHaveLength(SPOILERS.length);

    await spoil(ids);
    const spoilt = await storedResults(ids);
    for (const [i, s] of SPOILERS.entries()) expect(spoilt[i], s.what).not.toEqual(before[i]);

    const run = await evaluateDevices(db, { deviceIds: ids }, ctx);
    expect(run.devices).toBe(SPOILERS.length);
    expect(run.changed).toBe(SPOILERS.length);
    expect(await storedResults(ids)).toEqual(before);

    const again = await evaluateDevices(db, { deviceIds: ids }, ctx);
    expect(again.changed).toBe(0);
  });

  it("puts spoilt results right in a full run too", async () => {
    const db = testDb();
    const asOf = (await evaluatedOn(db))!;
    const ids = await pickDevices();
    const ctx: EvaluationContext = { register: await loadRegister(db), policy: await loadPolicy(db), asOf };
    await evaluateDevices(db, { deviceIds: ids }, ctx);
    const before = await storedResults(ids);
    await spoil(ids);
    const full = await evaluateEverything(db, asOf);
    expect(full.changed).toBeGreaterThanOrEqual(SPOILERS.length);
    expect(await storedResults(ids)).toEqual(before);
  });
});
