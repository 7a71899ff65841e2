// What a return states, from the engine's per-device results for the round's as-of date: the
// figures, the SHA-256 that freezes them, and what moved between two sets of results. Pure: the
// data layer reads the results (lib/data/evaluation.ts assessOrganisations) and hands them here.
import { createHash } from "node:crypto";
import { FIGURE_LABELS } from "@/lib/returns/figure-labels";
import type { FigureChange, ReturnFigures } from "@/lib/returns/types";

/** The part of a device's result a return depends on. */
export interface ResultFacts {
  id: number;
  organisationId: number;
  siteId: number;
  status: string;
  ruleIds: readonly string[];
  inService: boolean;
  covered: boolean;
  controlled: boolean;
  sensitive: boolean;
  core: boolean;
  complete: boolean;
}

/** A device's result as kept with an attestation: [id, status, rule ids joined by commas]. */
export type FrozenResult = [number, string, string];

const FORMAT = "estate-camera-register return results v1";

/** One device's canonical line: every field, in a fixed order, nothing locale- or order-dependent. */
export function resultLine(r: ResultFacts): string {
  const flag = (b: boolean) => (b ? "1" : "0");
  return [r.id, r.organisationId, r.siteId, r.status, [...r.ruleIds].sort().join(","), flag(r.inService), flag(r.covered),
    flag(r.controlled), flag(r.sensitive), flag(r.core), flag(r.complete)].join("|");
}

/** Builds the figures, the hash and the frozen results from results fed one at a time in device order. */
export class ReturnAccumulator {
  private readonly hash = createHash("sha256");
  private readonly sites = new Set<number>();
  private readonly organisations = new Set<number>();
  private lastId = 0;
  readonly frozen: FrozenResult[] = [];
  readonly figures: ReturnFigures = {
    organisations: 0, sites: 0, devices: 0, breach: 0, actionDue: 0, unverified: 0, advisory: 0, compliant: 0, removed: 0,
    coveredInService: 0, coveredRemaining: 0, coveredSensitive: 0, coveredCore: 0,
  };

  constructor(asOf: string, organisationIds: readonly number[]) {
    this.hash.update(`${FORMAT}\nas of ${asOf}\norganisations ${[...organisationIds].sort((a, b) => a - b).join(",")}\n`);
  }

  add(r: ResultFacts): void {
    if (r.id <= this.lastId) throw new Error("Results must come in ascending device order");
    this.lastId = r.id;
    this.hash.update(resultLine(r) + "\n");
    this.frozen.push([r.id, r.status, [...r.ruleIds].sort().join(",")]);
    const f = this.figures;
    this.sites.add(r.siteId);
    this.organisations.add(r.organisationId);
    f.devices++;
    switch (r.status) {
      case "BREACH": f.breach++; break;
      case "ACTION_DUE": f.actionDue++; break;
      case "UNVERIFIED": f.unverified++; break;
      case "ADVISORY": f.advisory++; break;
      case "COMPLIANT": f.compliant++; break;
      case "REMOVED": f.removed++; break;
    }
    if (r.covered && r.inService) f.coveredInService++;
    if (r.covered && r.controlled && r.status !== "REMOVED") f.coveredRemaining++;
    if (r.covered && r.inService && r.sensitive) f.coveredSensitive++;
    if (r.covered && r.inService && r.core) f.coveredCore++;
  }

  /** The hex SHA-256 over every line so far; call once, at the end. */
  finish(): { figures: ReturnFigures; hash: string; frozen: FrozenResult[] } {
    this.figures.sites = this.sites.size;
    this.figures.organisations = this.organisations.size;
    return { figures: this.figures, hash: this.hash.digest("hex"), frozen: this.frozen };
  }
}

export { FIGURE_LABELS } from "@/lib/returns/figure-labels";

/** The figures that differ, in the order the return lists them. */
export function figureChanges(attested: ReturnFigures, now: ReturnFigures): FigureChange[] {
  return (Object.keys(FIGURE_LABELS) as (keyof ReturnFigures)[])
    .filter((k) => attested[k] !== now[k])
    .map((k) => ({ figure: k, label: FIGURE_LABELS[k], attested: attested[k], now: now[k] }));
}

/** Devices whose frozen result differs (added, gone, or another status or rules), in id order. */
export function resultChanges(attested: readonly FrozenResult[], now: readonly FrozenResult[]): { deviceId: number; attested: FrozenResult | null; now: FrozenResult | null }[] {
  const out: { deviceId: number; attested: FrozenResult | null; now: FrozenResult | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < attested.length || j < now.length) {
    const a = attested[i];
    const b = now[j];
    if (a && (!b || a[0] < b[0])) {
      out.push({ deviceId: a[0], attested: a, now: null });
      i++;
    } else if (b && (!a || b[0] < a[0])) {
      out.push({ deviceId: b[0], attested: null, now: b });
      j++;
    } else if (a && b) {
      if (a[1] !== b[1] || a[2] !== b[2]) out.push({ deviceId: a[0], attested: a, now: b });
      i++;
      j++;
    }
  }
  return out;
}

/** Whether the value read back from the database is a list of frozen results. */
export function isFrozenResults(value: unknown): value is FrozenResult[] {
  return Array.isArray(value) && value.every((r) => Array.isArray(r) && r.length === 3 && typeof r[0] === "number" && typeof r[1] === "string" && typeof r[2] === "string");
}
