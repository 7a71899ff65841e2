import { formatLongDate } from "@/lib/compliance";
import type { ComplianceFigures, Totals } from "@/lib/data/figures";
import { formatChange, formatCount, formatPercent } from "@/lib/reports/format";

// The words of the report are written from the figures alone, so that the paragraph a minister
// reads can never say something the tables do not.

function count(n: number, singular: string, plural: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

function isAre(n: number): string {
  return n === 1 ? "is" : "are";
}

function hasHave(n: number): string {
  return n === 1 ? "has" : "have";
}

function statusSentence(t: Totals): string {
  const withData = t.organisations - t.byStatus.NO_DATA;
  if (withData === 0) return "no organisation in scope has recorded any sites yet.";
  const green = t.byStatus.GREEN;
  const amber = t.byStatus.AMBER;
  const red = t.byStatus.RED;
  const lead = `${formatCount(green)} of ${count(withData, "organisation", "organisations")} with data ${withData === 1 ? "is" : "are"} compliant (green)`;
  const amberPart = amber === 0 ? "none is amber" : `${formatCount(amber)} ${isAre(amber)} amber, with equipment needing action or verification`;
  const redPart = red === 0
    ? "none is red: no device is in breach of the directive"
    : `${formatCount(red)} ${isAre(red)} red, with ${count(t.breach, "device", "devices")} in breach of the directive`;
  return `${lead}; ${amberPart}, and ${redPart}.`;
}

function removalSentence(figures: ComplianceFigures): string {
  const t = figures.totals;
  const covered = t.coveredRemaining + t.coveredRemoved;
  if (covered === 0) return "No covered equipment is recorded on controlled sites.";
  let text = `Of ${count(covered, "covered device", "covered devices")} on controlled sites, ` +
    `${formatCount(t.coveredRemoved)} ${hasHave(t.coveredRemoved)} been removed and ${formatCount(t.coveredRemaining)} ${t.coveredRemaining === 1 ? "remains" : "remain"}`;
  const previous = figures.previous;
  if (previous) {
    const change = t.coveredRemaining - previous.totals.coveredRemaining;
    const since = `since the previous snapshot on ${formatLongDate(previous.date)}`;
    text += change < 0 ? `, down ${formatCount(-change)} ${since}` : change > 0 ? `, up ${formatCount(change)} ${since}` : `, unchanged ${since}`;
  }
  return `${text}.`;
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

/** One paragraph in plain English: "As of 28 November 2026, 28 of 55 organisations with data are compliant…". */
export function summaryParagraph(figures: ComplianceFigures): string {
  const t = figures.totals;
  const date = figures.asOf ? formatLongDate(figures.asOf) : "today";
  const sentences = [`As of ${date}, ${statusSentence(t)}`];
  if (t.byStatus.NO_DATA > 0) {
    sentences.push(`${count(t.byStatus.NO_DATA, "organisation has", "organisations have")} not yet recorded any sites.`);
  }
  sentences.push(removalSentence(figures), deadlineSentence(figures), completenessSentence(t));
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
