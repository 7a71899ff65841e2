import type { ReactNode } from "react";
import { Table, Tag } from "@/components/govuk";
import type { ScanListItem } from "@/components/discovery/types";
import { SOURCE_WORDS, dayOf } from "@/components/discovery/words";
import { formatCount } from "@/lib/presentation/figures-format";

/** Sites named in a row before the rest are counted: a file covering a whole estate would fill the page. */
const SITES_SHOWN = 3;

function Sites({ sites }: { sites: ScanListItem["sites"] }) {
  if (sites.length === 0) return <>Not yet known</>;
  const shown = sites.slice(0, SITES_SHOWN);
  const more = sites.length - shown.length;
  return (
    <>
      {shown.map((s, i) => (
        <span key={s.id}>
          {i > 0 ? ", " : null}
          <a className="govuk-link" href={`/sites/${s.id}`}>
            {s.name}
          </a>
        </span>
      ))}
      {more > 0 ? ` and ${formatCount(more)} more` : null}
    </>
  );
}

function State({ scan }: { scan: ScanListItem }) {
  if (scan.state === "REFUSED") return <Tag colour="red">Refused</Tag>;
  if (scan.state === "AWAITING_COLUMNS") return <Tag colour="yellow">Choose columns</Tag>;
  return <>Reconciled</>;
}

/** Only a reconciled file has figures; the others show a dash so a zero is never mistaken for a clean network. */
function figure(scan: ScanListItem, value: number): ReactNode {
  return scan.state === "RECONCILED" ? formatCount(value) : "—";
}

function Probable({ scan }: { scan: ScanListItem }) {
  if (scan.state !== "RECONCILED") return <>—</>;
  return scan.probableCovered > 0 ? <Tag colour="red">{formatCount(scan.probableCovered)}</Tag> : <>{formatCount(0)}</>;
}

/** The recent scans and camera lists, newest first, each linked to its page. */
export function ScanTable({ scans }: { scans: readonly ScanListItem[] }) {
  return (
    <Table
      caption="Recent scans and camera lists"
      captionSize="m"
      firstCellIsHeader
      head={[
        { text: "File" },
        { text: "Organisation" },
        { text: "Sites" },
        { text: "Scanned" },
        { text: "Uploaded by" },
        { text: "Hosts", numeric: true },
        { text: "In the register", numeric: true },
        { text: "Not in the register", numeric: true },
        { text: "Probable covered equipment", numeric: true },
        { text: "State" },
      ]}
      emptyText="No scans or camera lists have been uploaded yet."
      rows={scans.map((s) => [
        <span key="file">
          <a className="govuk-link govuk-!-display-block" href={`/discovery/${s.id}`}>
            {s.filename}
          </a>
          <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">{SOURCE_WORDS[s.source]}</span>
        </span>,
        s.organisation,
        <Sites key="sites" sites={s.sites} />,
        <span key="scanned" className="whitespace-nowrap">
          {dayOf(s.scannedAt)}
        </span>,
        <span key="by">
          {s.uploadedBy}
          <span className="govuk-!-display-block govuk-!-font-size-16">{dayOf(s.uploadedAt)}</span>
        </span>,
        figure(s, s.hosts),
        figure(s, s.matched),
        figure(s, s.unrecorded - s.dismissed),
        <Probable key="probable" scan={s} />,
        <State key="state" scan={s} />,
      ])}
    />
  );
}
