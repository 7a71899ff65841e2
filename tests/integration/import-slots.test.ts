// Import slots: one per person and MAX_IMPORTS_IN_TOTAL across the service, counted in the
// database against a PostgreSQL server so the limits hold across server processes. Separate
// Prisma clients (separate pools) stand for separate processes; a real child process is killed to
// show a dead holder's claim lapses.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl, testDb } from "./helpers";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-client";
import { claimSlotInDatabase, slotsInDatabase } from "@/lib/data/import-slots";
import { LIMIT_MESSAGES, MAX_IMPORTS_IN_TOTAL, MAX_IMPORTS_PER_USER } from "@/lib/import/limits";
import { claimImportSlot, importsInProgress, type ImportSlot, type SlotClaim } from "@/lib/import/slots";

const server = !inject("embedded");
const NEEDS_SERVER = "needs a PostgreSQL server (TEST_DATABASE_URL): embedded PGlite serves one process by design and counts slots in memory";

function held(claim: SlotClaim): ImportSlot {
  if (!claim.ok) throw new Error(claim.error);
  return claim.slot;
}

describe("import slots (as the app claims them)", () => {
  it("gives a person one at a time and the service two, and counts a release once", async () => {
    expect(MAX_IMPORTS_PER_USER).toBe(1);
    expect(MAX_IMPORTS_IN_TOTAL).toBe(2);
    expect(await importsInProgress()).toBe(0);
    const first = held(await claimImportSlot(-101));
    expect(await claimImportSlot(-101)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou });
    const second = held(await claimImportSlot(-102));
    expect(await claimImportSlot(-103)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyService });
    await first.release();
    await first.release();
    expect(await importsInProgress()).toBe(1);
    // Released twice, counted once: -102 still holds theirs, so the service has room for one.
    const again = held(await claimImportSlot(-101));
    expect(await claimImportSlot(-103)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyService });
    await again.release();
    await second.release();
    expect(await importsInProgress()).toBe(0);
  });
});

describe.skipIf(!server)("import slots across processes", () => {
  let a: PrismaClient;
  let b: PrismaClient;
  beforeAll(() => {
    a = createPrismaClient(databaseUrl(), 4);
    b = createPrismaClient(databaseUrl(), 4);
  });
  afterAll(async () => {
    await a.$disconnect();
    await b.$disconnect();
  });

  it("two claims for the last slot from two processes: exactly one wins, every time", async () => {
    if (!server) return;
    for (let round = 0; round < 20; round++) {
      const first = held(await claimSlotInDatabase(a, -201));
      const [x, y] = await Promise.all([claimSlotInDatabase(a, -202), claimSlotInDatabase(b, -203)]);
      const winners = [x, y].filter((c) => c.ok);
      expect(winners).toHaveLength(1);
      expect([x, y].find((c) => !c.ok)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyService });
      expect(await slotsInDatabase(b)).toBe(2);
      for (const c of [x, y]) if (c.ok) await c.slot.release();
      await first.release();
      expect(await slotsInDatabase(a)).toBe(0);
    }
  });

  it("two claims by one person from two processes: exactly one wins", async () => {
    if (!server) return;
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([claimSlotInDatabase(a, -211), claimSlotInDatabase(b, -211)]);
      expect([x, y].filter((c) => c.ok)).toHaveLength(1);
      expect([x, y].find((c) => !c.ok)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou });
      for (const c of [x, y]) if (c.ok) await c.slot.release();
    }
  });

  it("a holder that keeps renewing keeps its slot past the lease", async () => {
    if (!server) return;
    const slot = held(await claimSlotInDatabase(a, -221, { leaseSeconds: 1, renewMs: 200 }));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await claimSlotInDatabase(b, -221)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou });
    await slot.release();
    const next = held(await claimSlotInDatabase(b, -221));
    await next.release();
  });

  it("the slot of a process killed with SIGKILL lapses when its lease runs out", async () => {
    if (!server) return;
    const dir = mkdtempSync(path.join(tmpdir(), "ecr-imp-slot-holder-"));
    const script = path.join(dir, "holder.mts");
    // Claims with a 2-second lease renewed every half second, says so, then waits to be killed.
    writeFileSync(
      script,
      `import { createPrismaClient } from ${JSON.stringify(path.resolve("lib/db-client.ts"))};
       import { claimSlotInDatabase } from ${JSON.stringify(path.resolve("lib/data/import-slots.ts"))};
       const claim = await claimSlotInDatabase(createPrismaClient(process.env.DATABASE_URL, 2), -231, { leaseSeconds: 2, renewMs: 500 });
       console.log(claim.ok ? "claimed" : "refused");
       setInterval(() => {}, 1_000);`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl(), EMBEDDED: "0", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("claimed")) resolve();
          if (out.includes("refused")) reject(new Error("the holder was refused a slot"));
        });
        child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.once("exit", () => reject(new Error(`the holder exited: ${out}`)));
      });
      // Renewed while alive: still held after more than one lease.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(await claimSlotInDatabase(a, -231)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      // Dead: nothing renews it, and within a lease the person can import again.
      const killedAt = Date.now();
      let claim: SlotClaim = { ok: false, error: "" };
      while (!claim.ok && Date.now() - killedAt < 10_000) {
        claim = await claimSlotInDatabase(b, -231);
        if (!claim.ok) await new Promise((r) => setTimeout(r, 200));
      }
      const waited = Date.now() - killedAt;
      expect(claim.ok).toBe(true);
      expect(waited).toBeLessThan(3_000);
      console.log(`import slot of a killed holder free again ${waited} ms after SIGKILL (lease 2 s)`);
      if (claim.ok) await claim.slot.release();
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      await testDb().$executeRawUnsafe(`DELETE FROM import_slots WHERE user_id = -231`);
    }
  });
});

describe.skipIf(server)("import slots in embedded mode", () => {
  it.skip(`across processes ${NEEDS_SERVER}`, () => {});
});
