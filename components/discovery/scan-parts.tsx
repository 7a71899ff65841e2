import { ErrorSummary, KeyFigure, SummaryList, Table, WarningText } from "@/components/govuk";
import type { DiscoveryFileProblem } from "@/lib/discovery/types";
import { formatCount } from "@/lib/presentation/figures-format";
import { plural } from "@/lib/text/plural";
import type { ScanListItem } from "@/components/discovery/types";
import { SOURCE_WORDS, discardedSentence, lineWord, type ViewName } from "@/components/discovery/words";
import { londonDateTime } from "@/components/register/format";

/** Sites named in the summary before the rest are counted. */
const SITES_LISTED = 20;

export interface ScanFactsProps {
  scan: Pick<ScanListItem, "source" | "scannedAt" | "uploadedAt" | "uploadedBy" | "sites">;
  command: string | null;
  discarded: readonly string[];
}

const when = (d: Date | string) => londonDateTime(new Date(d).toISOString());

/** What the file is, who uploaded it and which sites it covers. */
export function ScanFacts({ scan, command, discarded }: ScanFactsProps) {
  const listed = scan.sites.slice(0, SITES_LISTED);
  const more = scan.sites.length - listed.length;
  return (
    <>
      <SummaryList
        rows={[
          { key: "Kind of file", value: SOURCE_WORDS[scan.source] },
          // A camera list does not say when it was exported: the register takes the upload's time.
          ...(scan.source === "NMAP" ? [{ key: "Scanned", value: when(scan.scannedAt) }] : []),
          { key: "Uploaded", value: `${when(scan.uploadedAt)} by ${scan.uploadedBy}` },
          {
            key: scan.sites.length === 1 ? "Site" : "Sites",
            value:
              scan.sites.length === 0 ? (
                "None"
              ) : (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {listed.map((s) => (
                    <li key={s.id}>
                      <a className="govuk-link" href={`/sites/${s.id}`}>
                        {s.name}
                      </a>
                    </li>
                  ))}
                  {more > 0 ? <li>and {plural(more, "more site")}</li> : null}
                </ul>
              ),
          },
          ...(command ? [{ key: "nmap command", value: <code className="break-all">{command}</code> }] : []),
        ]}
      />
      {discarded.length > 0 ? <WarningText>{discardedSentence(discarded)}</WarningText> : null}
    </>
  );
}

export interface ScanFiguresProps {
  hosts: number;
  matched: number;
  notInRegister: number;
  probableCovered: number;
  notSeen: number;
  /** The link for each list, so a figure leads to the hosts behind it. */
  hrefOf: (view: ViewName) => string;
}

/** The scan's key figures, each one leading to its list. */
export function ScanFigures({ hosts, matched, notInRegister, probableCovered, notSeen, hrefOf }: ScanFiguresProps) {
  return (
    <div className="grid gap-x-6 tablet:grid-cols-2 desktop:grid-cols-3">
      <KeyFigure label="Hosts found" value={formatCount(hosts)} hint="in the file" headingLevel={2} />
      <KeyFigure label="In the register" value={formatCount(matched)} hint="hosts that match a device" href={hrefOf("matched")} headingLevel={2} />
      <KeyFigure label="Not in the register" value={formatCount(notInRegister)} hint="hosts that match no device" href={hrefOf("unrecorded")} headingLevel={2} />
      <KeyFigure
        label="Probable covered equipment"
        value={formatCount(probableCovered)}
        hint="not in the register"
        href={hrefOf("probable")}
        headingLevel={2}
        className={probableCovered > 0 ? "app-key-figure--red" : undefined}
      />
      <KeyFigure label="Register devices not seen" value={formatCount(notSeen)} hint="at these sites" href={hrefOf("not-seen")} headingLevel={2} />
    </div>
  );
}

/** Problems in the error summary before the table lists them all. */
const SUMMARISED = 10;

/**
 * A refused file's problems: the error summary (the first few, linked to their rows) and the table
 * of every listed problem. Put the summary above the page's heading, the table below it.
 */
export function ProblemSummary({ filename, problems, problemCount, source }: { filename: string; problems: readonly DiscoveryFileProblem[]; problemCount: number; source: ScanListItem["source"] }) {
  return (
    <ErrorSummary
      description={`Nothing from ${filename} was stored. Fix ${problemCount === 1 ? "this problem" : `these ${formatCount(problemCount)} problems`} and upload it again.`}
      errors={problems.slice(0, SUMMARISED).map((p, i) => ({
        href: `#problem-${i}`,
        text: `${lineWord(source)} ${formatCount(p.line)}${p.field ? `, ${p.field}` : ""}: ${p.message}`,
      }))}
    />
  );
}

export function ProblemTable({ filename, problems, problemCount, source }: { filename: string; problems: readonly DiscoveryFileProblem[]; problemCount: number; source: ScanListItem["source"] }) {
  return (
    <>
      {problemCount > problems.length ? (
        <p className="govuk-body">
          Showing the first {formatCount(problems.length)} of {plural(problemCount, "problem")}. Fix them and upload the file again to see
          the rest.
        </p>
      ) : null}
      <Table
        caption={`Problems in ${filename}`}
        head={[{ text: lineWord(source), numeric: true }, { text: source === "VMS" ? "Column" : "Field" }, { text: "Problem" }]}
        rows={problems.map((p, i) => [
          <span key="line" id={`problem-${i}`} tabIndex={-1}>
            {formatCount(p.line)}
          </span>,
          p.field ?? "—",
          p.message,
        ])}
      />
    </>
  );
}
