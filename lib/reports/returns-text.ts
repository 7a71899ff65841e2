// What the minister's report says about the Cabinet Office's latest return round: which
// departments attested their figures and which did not. Pure: the PDF, the spreadsheet and the CSV
// all take their words from here.
import { formatLongDate } from "@/lib/compliance";
import { RETURN_STATUS_LABELS, type DepartmentReturnRow, type RoundStatuses } from "@/lib/returns/types";

const londonDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** Attested, and attested but changed since, count as having attested (the table says which). */
export function hasAttested(row: DepartmentReturnRow): boolean {
  return row.status === "ATTESTED" || row.status === "CHANGED";
}

export function returnsParagraph(r: RoundStatuses): string {
  const total = r.departments.length;
  const attested = r.departments.filter((d) => d.status === "ATTESTED").length;
  const changed = r.departments.filter((d) => d.status === "CHANGED").length;
  const overdue = r.departments.filter((d) => d.status === "OVERDUE").length;
  const dept = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "department" : "departments"}`;
  const parts = [
    `The Cabinet Office's return round "${r.round.name}" asks each department to attest its figures as of ${formatLongDate(r.round.asOf)}, by ${formatLongDate(r.round.dueOn)}.`,
    `${attested.toLocaleString("en-GB")} of ${dept(total)} ${attested === 1 ? "has" : "have"} attested figures that still stand`,
  ];
  let sentence = parts[1]!;
  if (changed > 0) sentence += `; ${dept(changed)} attested, but ${changed === 1 ? "its" : "their"} figures have changed since`;
  if (overdue > 0) sentence += `; ${dept(overdue)} ${overdue === 1 ? "is" : "are"} overdue`;
  return `${parts[0]} ${sentence}.`;
}

/** One row per department: name, return status, who attested and when. */
export function returnsRows(r: RoundStatuses): [string, string, string, string][] {
  return r.departments.map((d) => [
    `${d.name} (${d.acronym})`,
    RETURN_STATUS_LABELS[d.status],
    d.attestedBy ?? "Not attested",
    d.attestedAt ? londonDate.format(new Date(d.attestedAt)) : "",
  ]);
}

export const NO_ROUND = "No return round has been opened.";

export const RETURNS_COLUMNS = ["Department", "Return", "Attested by", "Attested on"] as const;

/** A department's return status for an organisation's row (an agency answers with its department). */
export function returnStatusFor(r: RoundStatuses | null, organisation: { id: number; parentId: number | null }): string {
  if (!r) return "";
  const department = organisation.parentId ?? organisation.id;
  const row = r.departments.find((d) => d.organisationId === department);
  return row ? RETURN_STATUS_LABELS[row.status] : "Not in the round";
}
