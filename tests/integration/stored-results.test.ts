import { describe, expect, it } from "vitest";
import { testDb } from "./helpers";
import { assessDevice, completeness, emptyCounts, rollUpStatus } from "@/lib/compliance";
import { FactBuilder, evaluatedOn, loadPolicy, loadRegister } from "@/lib/data/evaluation";

interface Row {
  id: number; organisation_id: number; site_id: number; brand: string; model: string | null; mac: string | null;
  installed_on: string | null; network: "CORE" | "SEGREGATED" | "STANDALONE" | "UNKNOWN"; vendor_cloud: boolean | null;
  lifecycle: "IN_SERVICE" | "DECOMMISSIONED" | "REMOVED"; sensitivity: "SENSITIVE" | "NOT_SENSITIVE" | "UNASSESSED";
  sensitive_since: string | null; controls_extended: boolean; approved_by: string | null; expires_on: string | null;
  stored_status: string; stored_rules: string[];
}

describe("stored compliance results", () => {
  it("agree with a fresh evaluation for every device", async () => {
    const db = testDb();
    const asOf = await evaluatedOn(db);
    expect(asOf).not.toBeNull();
    const builder = new FactBuilder(await loadRegister(db));
    const policy = await loadPolicy(db);
    const rows = await db.$queryRawUnsafe<Row[]>(`
      SELECT d.id, d.organisation_id, d.site_id, d.brand, d.model, d.mac, d.installed_on::text AS installed_on,
        d.network::text AS network, d.vendor_cloud, d.lifecycle::text AS lifecycle,
        s.sensitivity::text AS sensitivity, s.sensitive_since::text AS sensitive_since, s.controls_extended,
        e.approved_by, e.expires_on::text AS expires_on,
        c.status::text AS stored_status, c.rule_ids AS stored_rules
      FROM devices d JOIN sites s ON s.id = d.site_id
      LEFT JOIN device_compliance c ON c.device_id = d.id
      LEFT JOIN LATERAL (SELECT approved_by, expires_on FROM exemptions x WHERE x.device_id = d.id AND x.revoked_at IS NULL
                         ORDER BY x.created_at DESC, x.id DESC LIMIT 1) e ON true`);
    expect(rows.length).toBeGreaterThan(49_000);
    const mismatches: string[] = [];
    const statuses = new Set<string>();
    for (const row of rows) {
      const fresh = assessDevice(builder.facts(row, builder.resolve(row.brand, row.model)), asOf!, policy);
      statuses.add(fresh.status);
      const rules = fresh.findings.map((f) => f.ruleId);
      if (fresh.status !== row.stored_status || rules.join() !== (row.stored_rules ?? []).join()) {
        mismatches.push(`device ${row.id}: stored ${row.stored_status} ${row.stored_rules}, fresh ${fresh.status} ${rules}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The demo data exercises every status.
    expect([...statuses].sort()).toEqual(["ACTION_DUE", "ADVISORY", "BREACH", "COMPLIANT", "REMOVED", "UNVERIFIED"]);
  });

  it("roll up to the organisations exactly as the engine says", async () => {
    const db = testDb();
    const counts = await db.$queryRawUnsafe<{ organisation_id: number; status: keyof ReturnType<typeof emptyCounts>; n: number }[]>(
      `SELECT organisation_id, status::text AS status, count(*)::int AS n FROM device_compliance GROUP BY 1, 2`,
    );
    const sites = await db.$queryRawUnsafe<{ organisation_id: number; n: number }[]>(
      `SELECT o.id AS organisation_id, count(s.id)::int AS n FROM organisations o
       LEFT JOIN sites s ON s.organisation_id = o.id AND s.archived_at IS NULL GROUP BY o.id`,
    );
    const stored = await db.orgCompliance.findMany({
      select: { organisationId: true, status: true, breach: true, actionDue: true, unverified: true, inService: true, inServiceComplete: true },
    });
    expect(stored.length).toBe(sites.length);
    const statuses = new Set<string>();
    for (const org of stored) {
      const c = emptyCounts();
      for (const r of counts) if (r.organisation_id === org.organisationId) c[r.status] = r.n;
      const siteCount = sites.find((s) => s.organisation_id === org.organisationId)?.n ?? 0;
      expect(org.status).toBe(rollUpStatus({ sites: siteCount, counts: c }));
      expect(org.breach).toBe(c.BREACH);
      expect(org.actionDue).toBe(c.ACTION_DUE);
      expect(org.unverified).toBe(c.UNVERIFIED);
      expect(completeness(org)).toBeGreaterThan(0);
      statuses.add(org.status);
    }
    expect([...statuses].sort()).toEqual(["AMBER", "GREEN", "NO_DATA", "RED"]);
  });
});
