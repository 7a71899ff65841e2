import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { cachedWhileUnchanged, clearReadCache, databaseState } from "@/lib/data/read-cache";
import { computeComplianceFigures, getComplianceFigures, listSnapshotDates, type ComplianceFigures } from "@/lib/data/figures";
import { actorFor, testDb } from "./helpers";

const CABINET_OFFICE = "analyst@cabinetoffice.example.gov.uk";
const MINISTER = "private.office@minister.example.gov.uk";
const HO_EDITOR = "editor@ho.example.gov.uk";

/** A key no other test uses: the cache lives as long as the test file's module. */
const freshKey = () => `test:${randomUUID()}`;

/**
 * Runs `observe` again (up to a few times) if anyone wrote to the database while it ran, so a
 * write from elsewhere cannot pass for the cache's doing. Assert on what it returns, afterwards.
 */
async function whileUnwritten<T>(observe: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await databaseState(testDb());
    const seen = await observe();
    if ((await databaseState(testDb())) === before || attempt === attempts) return seen;
  }
}

/** A write transaction that changes nothing anyone reads. */
async function harmlessWrite(): Promise<void> {
  await testDb().$transaction(async (tx) => {
    const updated = await tx.$executeRawUnsafe(
      `UPDATE policy_settings SET reclassification_grace_days = reclassification_grace_days WHERE id = 1`,
    );
    expect(updated).toBe(1);
  });
}

/** A write transaction on a table of its own, dropped at commit. */
async function unrelatedWrite(): Promise<void> {
  await testDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`CREATE TEMPORARY TABLE read_cache_probe (n int) ON COMMIT DROP`);
    await tx.$executeRawUnsafe(`INSERT INTO read_cache_probe VALUES (1)`);
    await tx.$executeRawUnsafe(`DELETE FROM read_cache_probe`);
  });
}

async function orgIdOf(acronym: string): Promise<number> {
  const org = await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } });
  return org.id;
}

const remainingOf = (figures: ComplianceFigures, organisationId: number) =>
  figures.organisations.find((o) => o.id === organisationId)?.coveredRemaining;

describe("the read cache", () => {
  it("hands back the same frozen value while the database is unchanged, without loading again", async () => {
    const seen = await whileUnwritten(async () => {
      const key = freshKey();
      const load = vi.fn(async () => ({ organisations: [{ id: 1, name: "Alpha" }], totals: { red: 1 } }));
      const first = await cachedWhileUnchanged(testDb(), key, load);
      const second = await cachedWhileUnchanged(testDb(), key, load);
      const otherLoad = vi.fn(async () => ({ organisations: [], totals: { red: 0 } }));
      const other = await cachedWhileUnchanged(testDb(), freshKey(), otherLoad);
      return { first, second, loads: load.mock.calls.length, other, otherLoads: otherLoad.mock.calls.length };
    });
    expect(seen.loads).toBe(1);
    expect(seen.second).toBe(seen.first);
    expect(seen.first).toEqual({ organisations: [{ id: 1, name: "Alpha" }], totals: { red: 1 } });
    // Another key is a value of its own.
    expect(seen.otherLoads).toBe(1);
    expect(seen.other).toEqual({ organisations: [], totals: { red: 0 } });

    // Frozen all the way down: one caller cannot change what the next is given.
    const value = seen.first;
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.organisations)).toBe(true);
    expect(Object.isFrozen(value.organisations[0])).toBe(true);
    expect(Object.isFrozen(value.totals)).toBe(true);
    expect(() => value.organisations.push({ id: 2, name: "Bravo" })).toThrow(TypeError);
    expect(() => {
      (value.totals as { red: number }).red = 99;
    }).toThrow(TypeError);
    expect(value.totals.red).toBe(1);
  });

  it("does not load again after a read-only transaction", async () => {
    const seen = await whileUnwritten(async () => {
      const key = freshKey();
      const load = vi.fn(async () => ({ at: Date.now() }));
      const first = await cachedWhileUnchanged(testDb(), key, load);
      await testDb().$transaction(async (tx) => {
        await tx.$queryRawUnsafe(`SELECT count(*)::int AS n FROM organisations`);
      });
      const second = await cachedWhileUnchanged(testDb(), key, load);
      return { same: first === second, loads: load.mock.calls.length };
    });
    expect(seen).toEqual({ same: true, loads: 1 });
  });

  it.each([
    ["an update that leaves the value as it was", harmlessWrite],
    ["an insert and delete on an unrelated table", unrelatedWrite],
  ])("loads again once a write transaction has committed: %s", async (_, write) => {
    const key = freshKey();
    let loads = 0;
    const load = vi.fn(async () => ({ load: ++loads }));
    const before = await cachedWhileUnchanged(testDb(), key, load);
    await write();
    const after = await cachedWhileUnchanged(testDb(), key, load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(after).not.toBe(before);
    expect(after).toEqual({ load: 2 });
    expect(Object.isFrozen(after)).toBe(true);
  });

  it("does not keep a load that failed", async () => {
    const seen = await whileUnwritten(async () => {
      const key = freshKey();
      const load = vi
        .fn<() => Promise<{ ok: boolean }>>()
        .mockRejectedValueOnce(new Error("connection lost"))
        .mockResolvedValue({ ok: true });
      const failure = await cachedWhileUnchanged(testDb(), key, load).then(
        () => null,
        (error: unknown) => error,
      );
      const retried = await cachedWhileUnchanged(testDb(), key, load);
      const again = await cachedWhileUnchanged(testDb(), key, load);
      return { failure, retried, same: retried === again, loads: load.mock.calls.length };
    });
    expect(seen.failure).toBeInstanceOf(Error);
    expect((seen.failure as Error).message).toBe("connection lost");
    expect(seen.retried).toEqual({ ok: true });
    // The successful load that followed is kept as usual.
    expect(seen.same).toBe(true);
    expect(seen.loads).toBe(2);
  });

  it("forgets everything when cleared", async () => {
    const seen = await whileUnwritten(async () => {
      const key = freshKey();
      const load = vi.fn(async () => ({ n: 1 }));
      const first = await cachedWhileUnchanged(testDb(), key, load);
      clearReadCache();
      const second = await cachedWhileUnchanged(testDb(), key, load);
      return { same: first === second, loads: load.mock.calls.length };
    });
    expect(seen).toEqual({ same: false, loads: 2 });
  });
});

describe("cached compliance figures", () => {
  it("equal the figures read afresh, for the Cabinet Office, a snapshot date and one organisation", async () => {
    const actor = await actorFor(CABINET_OFFICE);
    const [latestSnapshot] = await listSnapshotDates();
    expect(latestSnapshot).toBeDefined();
    const moj = await orgIdOf("MoJ");
    for (const request of [{}, { asOf: latestSnapshot }, { organisationId: moj }]) {
      clearReadCache();
      const seen = await whileUnwritten(async () => {
        const fresh = await computeComplianceFigures(actor, request);
        const cached = await getComplianceFigures(actor, request);
        const again = await getComplianceFigures(actor, request);
        return { fresh, cached, again };
      });
      expect(seen.cached, JSON.stringify(request)).toEqual(seen.fresh);
      expect(seen.again, JSON.stringify(request)).toBe(seen.cached);
      expect(Object.isFrozen(seen.cached.organisations)).toBe(true);
      expect(Object.isFrozen(seen.cached.totals)).toBe(true);
    }
  });

  it("are kept apart by scope: a department's editor never gets the Cabinet Office's figures", async () => {
    const co = await actorFor(CABINET_OFFICE);
    const minister = await actorFor(MINISTER);
    const ho = await actorFor(HO_EDITOR);
    const seen = await whileUnwritten(async () => ({
      co: await getComplianceFigures(co),
      minister: await getComplianceFigures(minister),
      ho: await getComplianceFigures(ho),
      hoFresh: await computeComplianceFigures(ho),
    }));
    expect(seen.ho).toEqual(seen.hoFresh);
    expect(seen.ho.organisations.length).toBeLessThan(seen.co.organisations.length);
    expect(seen.minister).toEqual(seen.co);
  });

  it("show a change to the stored results at once, and its undoing", async () => {
    const actor = await actorFor(CABINET_OFFICE);
    const ho = await orgIdOf("HO");
    const before = await getComplianceFigures(actor);
    const [stored] = await testDb().$queryRawUnsafe<{ covered_remaining: number }[]>(
      `SELECT covered_remaining FROM org_compliance WHERE organisation_id = $1`, ho);
    expect(stored).toBeDefined();
    const original = stored!.covered_remaining;
    const bumped = original + 1_000;
    try {
      await testDb().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE org_compliance SET covered_remaining = $2 WHERE organisation_id = $1`, ho, bumped);
      });
      const after = await getComplianceFigures(actor);
      expect(after).not.toBe(before);
      expect(remainingOf(after, ho)).toBe(bumped);
      const seen = await whileUnwritten(async () => ({ cached: await getComplianceFigures(actor), fresh: await computeComplianceFigures(actor) }));
      expect(seen.cached).toEqual(seen.fresh);
    } finally {
      // Put it back only if nothing else has changed it since.
      await testDb().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `UPDATE org_compliance SET covered_remaining = $2 WHERE organisation_id = $1 AND covered_remaining = $3`, ho, original, bumped);
      });
    }
    const restored = await getComplianceFigures(actor);
    expect(remainingOf(restored, ho)).toBe(original);
  });

  it("cache the snapshot dates in the same way", async () => {
    const seen = await whileUnwritten(async () => ({ first: await listSnapshotDates(), second: await listSnapshotDates() }));
    expect(seen.second).toBe(seen.first);
    expect(Object.isFrozen(seen.first)).toBe(true);
    const [newest] = await testDb().$queryRawUnsafe<{ d: string }[]>(`SELECT max(date)::text AS d FROM org_snapshots`);
    expect(seen.first[0]).toBe(newest?.d);
  });
});
