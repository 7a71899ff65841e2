/**
 * Micro-benchmark of assessDevice: the goal is over 1,000,000 assessments a second on one core,
 * so that a full re-assessment of the design ceiling (1,000,000 devices) takes about a second.
 * Facts are generated up front from a seeded PRNG so that runs are comparable and only the
 * engine is timed. Run: npx tsx scripts/bench/assess-device.ts
 */
import { performance } from "node:perf_hooks";
import { assessDevice, DEFAULT_POLICY, fromEpochDay, toEpochDay } from "../../lib/compliance";
import type { DeviceFacts, Lifecycle, Network, Producer, Sensitivity } from "../../lib/compliance";

const N = 1_000_000;
const ROUNDS = 5;

// mulberry32: tiny, seeded and good enough to spread facts across every rule.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20221124);
function pick<T>(items: readonly T[], weights?: readonly number[]): T {
  if (weights === undefined) return items[Math.floor(rand() * items.length)]!;
  let r = rand() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const start = toEpochDay("2015-01-01");
const span = toEpochDay("2026-12-31") - start;
const date = () => fromEpochDay(start + Math.floor(rand() * span));

const PRODUCERS: readonly Producer[] = ["COVERED", "NOT_COVERED", "UNKNOWN"];
const SENSITIVITY: readonly Sensitivity[] = ["SENSITIVE", "NOT_SENSITIVE", "UNASSESSED"];
const NETWORKS: readonly Network[] = ["CORE", "SEGREGATED", "STANDALONE", "UNKNOWN"];
const LIFECYCLES: readonly Lifecycle[] = ["IN_SERVICE", "DECOMMISSIONED", "REMOVED"];

function facts(): DeviceFacts {
  return {
    producer: pick(PRODUCERS, [3, 6, 1]),
    installedOn: rand() < 0.1 ? null : date(),
    network: pick(NETWORKS, [2, 4, 2, 1]),
    vendorCloud: pick([true, false, null] as const, [1, 6, 2]),
    lifecycle: pick(LIFECYCLES, [8, 1, 1]),
    site: {
      sensitivity: pick(SENSITIVITY, [5, 4, 1]),
      sensitiveSince: rand() < 0.7 ? null : date(),
      controlsExtended: rand() < 0.2,
    },
    exemption: rand() < 0.05 ? { approvedBy: "Departmental Security Officer", expiresOn: date() } : null,
    macEvidence: rand() < 0.02 ? { owner: "Hangzhou Hikvision Digital Technology Co.,Ltd.", producerName: "Hikvision" } : null,
  };
}

const all: DeviceFacts[] = Array.from({ length: N }, facts);
const asOfs = ["2024-06-01", "2025-04-30", "2025-05-01", "2026-01-15"] as const;

// Summing the results keeps the optimiser from discarding the work being timed.
let checksum = 0;
function pass(asOf: string): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const a = assessDevice(all[i]!, asOf, DEFAULT_POLICY);
    checksum += a.findings.length + a.status.length;
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: N / wall, cpu: N / ((c.user + c.system) / 1e6) };
}

pass(asOfs[0]); // warm-up, so the JIT has settled before timing
const wall: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const rate = pass(asOfs[r % asOfs.length]!);
  wall.push(rate.wall);
  cpu.push(rate.cpu);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
console.log(`assessDevice: ${fmt(median(wall))} devices/second wall clock (median of ${ROUNDS} passes over ${fmt(N)} devices; min ${fmt(Math.min(...wall))}, max ${fmt(Math.max(...wall))})`);
// On a shared machine the wall clock includes time spent waiting for a core; CPU time does not
// (it does include GC helper threads, so it errs low).
console.log(`assessDevice: ${fmt(median(cpu))} devices per CPU-second (process CPU time, same passes)`);
console.log(`checksum ${checksum}`);
