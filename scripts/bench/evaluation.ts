// Re-evaluation benchmarks on the database at DATABASE_URL (build the 1,000,000-device one with
// `npm run db:seed -- --devices 1000000`):
// - a full re-evaluation of every device, beside the floor: the same facts and stored results
//   streamed out of PostgreSQL with COPY, with nothing done to them (goal: within 3x);
// - the re-evaluation after one site's sensitivity changes, for a site of about 500 devices.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import { createPrismaClient, poolOf } from "@/lib/db-client";
import { evaluateEverything, factsWithStoredSql, reevaluate } from "@/lib/data/evaluation";
import { todayInLondon } from "@/lib/platform/today";

/** Streams every device's facts and stored result out with COPY, counting the bytes: the floor. */
async function copyFloor(db: ReturnType<typeof createPrismaClient>): Promise<{ ms: number; bytes: number }> {
  const conn = await poolOf(db).connect();
  try {
    let bytes = 0;
    const t = performance.now();
    await pipeline(
      conn.query(copyTo(`COPY (${factsWithStoredSql()}) TO STDOUT`)),
      new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } }),
    );
    return { ms: performance.now() - t, bytes };
  } finally {
    conn.release();
  }
}

async function main() {
  const db = createPrismaClient();
  const today = todayInLondon();
  try {
    const count = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM devices`);
    const devices = count[0]?.n ?? 0;
    await copyFloor(db); // warms the cache as the runs below find it
    const floor = await copyFloor(db);

    // Force every row to be rewritten once, then measure the steady daily case too.
    await db.$executeRawUnsafe(`UPDATE device_compliance SET findings = '[]'::jsonb, rule_ids = '{}', status = 'COMPLIANT' WHERE device_id % 10 = 0`);
    const full = await evaluateEverything(db, today);
    const steady = await evaluateEverything(db, today);
    console.log(`full re-evaluation: ${devices.toLocaleString("en-GB")} devices in ${(full.durationMs / 1000).toFixed(2)} s (${full.changed.toLocaleString("en-GB")} rows rewritten); steady daily run ${(steady.durationMs / 1000).toFixed(2)} s`);
    console.log(`where the time went (ms): full ${JSON.stringify(full.phases)}, steady ${JSON.stringify(steady.phases)}`);
    const ratio = full.durationMs / floor.ms;
    console.log(`floor: the same facts and stored results streamed out with COPY (${Math.round(floor.bytes / 1024 / 1024)} MB) in ${(floor.ms / 1000).toFixed(2)} s; ratio full/floor ${ratio.toFixed(1)}x, steady/floor ${(steady.durationMs / floor.ms).toFixed(1)}x (goal: full within 3x: ${ratio <= 3 ? "met" : "NOT met"})`);

    // A site of about 500 devices: make one if the data has none that large.
    const sites = await db.$queryRawUnsafe<{ site_id: number; n: number }[]>(
      `SELECT site_id, count(*)::int AS n FROM devices GROUP BY site_id ORDER BY abs(count(*) - 500) LIMIT 1`);
    let siteId = sites[0]?.site_id ?? 1;
    if ((sites[0]?.n ?? 0) < 450) {
      // The sites the devices leave are re-evaluated too, or their stored roll-ups would still count them.
      const moved = await db.$queryRawUnsafe<{ site_id: number }[]>(
        `SELECT DISTINCT site_id FROM devices WHERE id IN (SELECT id FROM devices ORDER BY id LIMIT 500)`);
      await db.$executeRawUnsafe(
        `UPDATE devices SET site_id = $1, organisation_id = (SELECT organisation_id FROM sites WHERE id = $1)
         WHERE id IN (SELECT id FROM devices ORDER BY id LIMIT 500)`, siteId);
      await reevaluate(db, { siteIds: [siteId, ...moved.map((m) => m.site_id)] }, today);
    }
    const n = await db.device.count({ where: { siteId } });
    const timings: number[] = [];
    for (let i = 0; i < 7; i++) {
      const sensitivity = i % 2 === 0 ? "SENSITIVE" : "NOT_SENSITIVE";
      const t = performance.now();
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE sites SET sensitivity = $2::"Sensitivity", version = version + 1 WHERE id = $1`, siteId, sensitivity);
        await reevaluate(tx, { siteIds: [siteId] }, today);
      });
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    console.log(`one site's sensitivity change (${n} devices), re-evaluated in its transaction: median ${timings[3]!.toFixed(1)} ms, best ${timings[0]!.toFixed(1)} ms (goal under 100 ms: ${timings[3]! < 100 ? "met" : "NOT met"})`);
    siteId = 0;
  } finally {
    await db.$disconnect();
  }
}

void main();
