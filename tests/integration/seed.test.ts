import { createHash } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { testDb } from "./helpers";
import { defaultSeedOptions, generateSeedData } from "@/lib/seed/generate";
import { DEMO_USERS } from "@/lib/seed/demo-users";

function digest(options = defaultSeedOptions()): { sites: number; devices: number; hash: string } {
  const data = generateSeedData(options);
  const h = createHash("sha256");
  h.update(JSON.stringify([data.organisations, data.sites, data.history, data.systems]));
  let devices = 0;
  for (const d of data.devices()) {
    h.update(JSON.stringify(d));
    devices++;
  }
  h.update(JSON.stringify(data.exemptions));
  return { sites: data.sites.length, devices, hash: h.digest("hex") };
}

describe("demo data", () => {
  it("is deterministic: the same options give the same rows", () => {
    expect(digest()).toEqual(digest());
    expect(digest({ ...defaultSeedOptions(), seed: 7 }).hash).not.toBe(digest().hash);
  });

  it("has the expected shape: 44 departments, a dozen agencies, ~2,000 sites, ~50,000 devices", async () => {
    const db = testDb();
    const byType = await db.$queryRawUnsafe<{ type: string; n: number }[]>(
      `SELECT type::text AS type, count(*)::int AS n FROM organisations GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual({
      AGENCY: 13,
      MINISTERIAL_DEPARTMENT: 24,
      NON_MINISTERIAL_DEPARTMENT: 20,
    });
    const agenciesWithoutParent = await db.organisation.count({ where: { type: "AGENCY", parentId: null } });
    expect(agenciesWithoutParent).toBe(0);

    // Other test files add to the shared database, so compare the counts taken right after seeding.
    const expected = digest();
    const { sites, devices } = inject("seeded");
    expect(sites).toBe(expected.sites);
    expect(devices).toBe(expected.devices);
    expect(sites).toBeGreaterThan(1_900);
    expect(sites).toBeLessThan(2_100);
    expect(devices).toBeGreaterThan(49_000);
    expect(devices).toBeLessThan(51_000);

    // A realistic share of sensitive sites, and every site has a sensitivity history.
    const seededSites = { id: { lte: sites } };
    const sensitive = await db.site.count({ where: { ...seededSites, sensitivity: "SENSITIVE" } });
    expect(sensitive / sites).toBeGreaterThan(0.1);
    expect(sensitive / sites).toBeLessThan(0.4);
    const withoutHistory = await db.site.count({ where: { ...seededSites, sensitivityHistory: { none: {} } } });
    expect(withoutHistory).toBe(0);

    // Mostly non-covered kit, some covered legacy, a few breaches, some unknowns.
    // Only the seeded devices (ids 1..devices): other files add devices, the API's bulk tests thousands.
    const byProducer = await db.$queryRawUnsafe<{ producer: string; n: number }[]>(
      `SELECT producer::text AS producer, count(*)::int AS n FROM device_compliance WHERE device_id <= $1 GROUP BY 1`,
      devices,
    );
    const p = Object.fromEntries(byProducer.map((r) => [r.producer, r.n]));
    expect(p.NOT_COVERED).toBeGreaterThan(devices * 0.7);
    expect(p.COVERED).toBeGreaterThan(devices * 0.05);
    expect(p.UNKNOWN).toBeGreaterThan(0);
    const breaches = await db.deviceCompliance.count({ where: { status: "BREACH", deviceId: { lte: devices } } });
    expect(breaches).toBeGreaterThan(0);
    expect(breaches).toBeLessThan(devices * 0.02);

    // One demo account per role.
    // (Other test files add accounts of their own, so look for the demo ones.)
    const users = await db.user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) } },
      select: { email: true, role: true },
    });
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    expect(new Set(users.map((u) => u.role)).size).toBe(5);

    // The producer register came from DOMAIN.md §4 and the IEEE registry.
    expect(await db.producer.count({ where: { covered: true } })).toBeGreaterThanOrEqual(8);
    const hikvisionMacs = await db.macPrefix.count({ where: { producer: { slug: "hikvision" } } });
    expect(hikvisionMacs).toBeGreaterThanOrEqual(84);

    // History for trends: snapshots from the directive to today for every organisation.
    const firstSnapshot = await db.$queryRawUnsafe<{ d: string }[]>(`SELECT min(date)::text AS d FROM org_snapshots`);
    expect(firstSnapshot[0]?.d).toBe("2022-11-30");
  });
});
