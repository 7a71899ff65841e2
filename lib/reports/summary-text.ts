import { formatLongDate } from "@/lib/compliance";
import type { BurnDownPoint, ComplianceFigures, Totals } from "@/lib/figures/types";
import { formatChange, formatCount, formatPercent } from "@/lib/reports/format";

// The words of the report are written from the figures alone, so that the paragraph a minister
// reads can never say something the tables do not.

function count(n: number, singular: string, plural: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

function isAre(n: number): string {
  return n === 1 ? "is" : "are";
}

const STATUS_PHRASE: Record<"GREEN" | "AMBER" | "RED", (t: Totals) => string> = {
  GREEN: () => "compliant (green)",
  AMBER: () => "amber, with equipment needing action or verification",
  RED: (t) => `red, with ${count(t.breach, "device", "devices")} in breach of the directive`,
} as const;

const NONE_PHRASE: Record<keyof typeof STATUS_PHRASE, string> = {
  GREEN: "no organisations are compliant (green)",
  AMBER: "no organisations are amber",
  RED: "no organisations are red: no devices are in breach of the directive",
};

/** "1 is amber, …", "15 are amber, …", "no organisations are amber". */
function statusClause(n: number, status: keyof typeof STATUS_PHRASE, t: Totals): string {
  if (n === 0) return NONE_PHRASE[status];
  return `${formatCount(n)} ${isAre(n)} ${STATUS_PHRASE[status](t)}`;
}

function statusSentence(t: Totals): string {
  const withData = t.organisations - t.byStatus.NO_DATA;
  if (withData === 0) return "no organisations in scope have recorded any sites yet.";
  const { GREEN: green, AMBER: amber, RED: red } = t.byStatus;
  if (withData === 1) {
    const only = red > 0 ? "RED" : amber > 0 ? "AMBER" : "GREEN";
    return `the only organisation with data is ${STATUS_PHRASE[only](t)}.`;
  }
  if (green === withData) {
    return `all ${formatCount(withData)} organisations with data are compliant (green): no devices are in breach of the directive.`;
  }
  return `${formatCount(withData)} organisations have data: ${statusClause(green, "GREEN", t)}; ` +
    `${statusClause(amber, "AMBER", t)}; and ${statusClause(red, "RED", t)}.`;
}

function removalSentence(t: Totals): string {
  const removed = t.coveredRemoved;
  const remaining = t.coveredRemaining;
  const covered = remaining + removed;
  if (covered === 0) return "No covered equipment is recorded on controlled sites.";
  if (covered === 1) return `The 1 covered device on controlled sites ${removed === 1 ? "has been removed" : "has not been removed"}.`;
  if (removed === 0) return `None of the ${formatCount(covered)} covered devices on controlled sites has been removed.`;
  if (remaining === 0) return `All ${formatCount(covered)} covered devices on controlled sites have been removed.`;
  return `Of ${formatCount(covered)} covered devices on controlled sites, ${formatCount(removed)} ${removed === 1 ? "has" : "have"} been removed ` +
    `and ${formatCount(remaining)} ${remaining === 1 ? "remains" : "remain"}.`;
}

function changeSentence(figures: ComplianceFigures): string | null {
  const previous = figures.previous;
  if (!previous) return null;
  const change = figures.totals.coveredRemaining - previous.totals.coveredRemaining;
  // Nothing remaining then or now: "no covered equipment" has said it all.
  if (change === 0 && figures.totals.coveredRemaining === 0) return null;
  const since = `since the previous snapshot on ${formatLongDate(previous.date)}`;
  if (change === 0) return `The number remaining is unchanged ${since}.`;
  return `The number remaining has ${change < 0 ? "fallen" : "risen"} by ${formatCount(Math.abs(change))} ${since}.`;
}

function deadlineSentence(figures: ComplianceFigures): string {
  const deadline = figures.policy.removalDeadline;
  const words = formatLongDate(deadline);
  return figures.asOf && figures.asOf > deadline
    ? `The removal deadline of ${words} has passed.`
    : `The removal deadline is ${words}.`;
}

function completenessSentence(t: Totals): string {
  if (t.inService === 0) return "No equipment is recorded as in service.";
  return `${formatPercent(t.completeness)} of in-service devices have complete data (producer, installation date, network and site sensitivity).`;
}

/** One paragraph in plain English: "As of 28 November 2026, 55 organisations have data: 28 are compliant (green); …". */
export function summaryParagraph(figures: ComplianceFigures): string {
  const t = figures.totals;
  const date = figures.asOf ? formatLongDate(figures.asOf) : "today";
  const sentences = [`As of ${date}, ${statusSentence(t)}`];
  const withData = t.organisations - t.byStatus.NO_DATA;
  if (withData > 0 && t.byStatus.NO_DATA > 0) {
    sentences.push(`${count(t.byStatus.NO_DATA, "organisation has", "organisations have")} not yet recorded any sites.`);
  }
  sentences.push(removalSentence(t));
  const change = changeSentence(figures);
  if (change) sentences.push(change);
  sentences.push(deadlineSentence(figures), completenessSentence(t));
  return sentences.join(" ");
}

/** The label of a table's total row: "Total (57 organisations)". */
export function totalRowLabel(organisations: number): string {
  return `Total (${count(organisations, "organisation", "organisations")})`;
}

/** The data completeness section's opening paragraph. */
export function completenessParagraph(t: Totals): string {
  if (t.inService === 0) return "No equipment is recorded as in service, so there is nothing to measure.";
  const facts = "producer, installation date, network and site sensitivity";
  const complete = t.inServiceComplete === 0
    ? `None of the ${count(t.inService, "in-service device", "in-service devices")} has all four facts recorded: ${facts}.`
    : `${formatCount(t.inServiceComplete)} of ${count(t.inService, "in-service device", "in-service devices")} (${formatPercent(t.completeness)}) ` +
      `${t.inServiceComplete === 1 ? "has" : "have"} all four facts recorded: ${facts}.`;
  const unverified = t.unverified === 0
    ? "No devices are unverified."
    : `${count(t.unverified, "device is", "devices are")} unverified because a fact the rules need is missing.`;
  return `${complete} ${unverified}`;
}

/** The heading over the organisations with the least complete data. */
export function leastCompleteHeading(n: number): string {
  return n === 1 ? "The organisation with incomplete data" : `The ${formatCount(n)} organisations with the least complete data`;
}

export const NO_BREACHES = "No organisations in scope have devices in breach.";

/** The sentence after the burn-down chart. */
export function burnDownSummary(points: readonly BurnDownPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return "";
  return `Covered devices remaining on controlled sites went from ${formatCount(first.coveredRemaining)} on ${formatLongDate(first.date)} ` +
    `to ${formatCount(last.coveredRemaining)} on ${formatLongDate(last.date)}; devices in breach from ${formatCount(first.breach)} to ${formatCount(last.breach)}.`;
}

/** "went from 1,075 to 216, the lowest 200 on 3 March 2026": a line's start, end and any extreme between. */
function lineWords(points: readonly BurnDownPoint[], pick: (p: BurnDownPoint) => number): string {
  const values = points.map(pick);
  const start = values[0]!;
  const end = values[values.length - 1]!;
  let text = start === end ? `stayed at ${formatCount(start)}` : `went from ${formatCount(start)} to ${formatCount(end)}`;
  const highest = Math.max(...values);
  const lowest = Math.min(...values);
  const at = (v: number) => formatLongDate(points[values.indexOf(v)]!.date);
  if (highest > Math.max(start, end)) text += `, highest ${formatCount(highest)} on ${at(highest)}`;
  if (lowest < Math.min(start, end)) text += `, lowest ${formatCount(lowest)} on ${at(lowest)}`;
  return text;
}

/**
 * The burn-down chart's alternative text: what a sighted reader takes from it, in numbers: the
 * period, the scale, each line's start, end and extremes, and where the lines stood at the deadline.
 */
export function burnDownDescription(points: readonly BurnDownPoint[], deadline: string, axisTop: number): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return "";
  const sentences = [
    `Line chart of removal progress from ${formatLongDate(first.date)} to ${formatLongDate(last.date)}, on a scale of 0 to ${formatCount(axisTop)} devices.`,
    `Covered devices remaining on controlled sites (solid blue line) ${lineWords(points, (p) => p.coveredRemaining)}.`,
    `Devices in breach (dashed red line) ${lineWords(points, (p) => p.breach)}.`,
  ];
  const atDeadline = [...points].reverse().find((p) => p.date <= deadline);
  if (atDeadline && deadline <= last.date) {
    const when = atDeadline.date === deadline ? "on that date" : `at the snapshot of ${formatLongDate(atDeadline.date)}, the last before it`;
    sentences.push(
      `A dotted line marks the removal deadline, ${formatLongDate(deadline)}; ${when}, ${count(atDeadline.coveredRemaining, "covered device", "covered devices")} ` +
        `remained and ${count(atDeadline.breach, "device was", "devices were")} in breach.`,
    );
  }
  return sentences.join(" ");
}

export interface HeadlineFigure {
  label: string;
  value: number;
  /** How to show it: a count, or a share 0..1. */
  kind: "count" | "share";
}

export function headlineFigures(figures: ComplianceFigures): HeadlineFigure[] {
  const t = figures.totals;
  return [
    { label: "Organisations in scope", value: t.organisations, kind: "count" },
    { label: "Organisations red (breach)", value: t.byStatus.RED, kind: "count" },
    { label: "Organisations amber", value: t.byStatus.AMBER, kind: "count" },
    { label: "Organisations green (compliant)", value: t.byStatus.GREEN, kind: "count" },
    { label: "Organisations with no data", value: t.byStatus.NO_DATA, kind: "count" },
    { label: "Sites recorded", value: t.sites, kind: "count" },
    { label: "Sensitive sites", value: t.sensitiveSites, kind: "count" },
    { label: "Devices recorded", value: t.devices, kind: "count" },
    { label: "Devices in breach", value: t.breach, kind: "count" },
    { label: "Devices with action due", value: t.actionDue, kind: "count" },
    { label: "Devices unverified", value: t.unverified, kind: "count" },
    { label: "Covered devices remaining on controlled sites", value: t.coveredRemaining, kind: "count" },
    { label: "Covered devices removed from controlled sites", value: t.coveredRemoved, kind: "count" },
    { label: "Covered devices on core networks", value: t.coveredCore, kind: "count" },
    { label: "Data completeness (in-service devices)", value: t.completeness, kind: "share" },
  ];
}

export function formatHeadline(f: HeadlineFigure): string {
  return f.kind === "share" ? formatPercent(f.value) : formatCount(f.value);
}

export interface ProgressRow {
  measure: string;
  baseline: number | null;
  previous: number | null;
  now: number;
  /** Now minus previous; null without a previous snapshot. */
  change: number | null;
}

/** Removal progress: the first snapshot on record, the previous one, and now. */
export function progressRows(figures: ComplianceFigures): ProgressRow[] {
  const measures: [string, (t: Totals) => number][] = [
    ["Covered devices remaining on controlled sites", (t) => t.coveredRemaining],
    ["Covered devices removed from controlled sites", (t) => t.coveredRemoved],
    ["Devices in breach", (t) => t.breach],
    ["Covered devices on core networks", (t) => t.coveredCore],
    ["Organisations red", (t) => t.byStatus.RED],
    ["Organisations green", (t) => t.byStatus.GREEN],
  ];
  return measures.map(([measure, pick]) => {
    const now = pick(figures.totals);
    const previous = figures.previous ? pick(figures.previous.totals) : null;
    return {
      measure,
      baseline: figures.baseline ? pick(figures.baseline.totals) : null,
      previous,
      now,
      change: previous === null ? null : now - previous,
    };
  });
}

export function formatProgressChange(change: number | null): string {
  return change === null ? "not available" : formatChange(change);
}

export function methodNotes(figures: ComplianceFigures): string[] {
  const source = figures.source === "current"
    ? "Figures are the register's stored compliance results, re-evaluated whenever a record changes and every night."
    : `Figures are the daily snapshot taken on ${formatLongDate(figures.asOf)}; later corrections to the register are not reflected.`;
  return [
    source,
    "Each device is assessed against Written Ministerial Statement HCWS386 (24 November 2022). Covered equipment is equipment produced by a company subject to the National Intelligence Law of the People's Republic of China, resolved from the brand through the producer register.",
    "A controlled site is a sensitive site, or another site to which the department has extended the same controls (point 4 of the statement).",
    "An organisation is red if any of its devices is in breach, amber if any needs action or verification, green otherwise, and 'no data' if it has recorded no sites. A department's figures in this report are its own; its agencies are listed separately.",
    "Data completeness is the share of in-service devices whose producer, installation date, network and site sensitivity are all known. Devices with unknown facts are reported as unverified, never as compliant.",
    "This report gives counts only. It names no sites: the list of sensitive sites is withheld on security grounds.",
  ];
}
