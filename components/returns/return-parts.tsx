// The parts of a department's return page that only show things: the status, the figures, what
// changed since the attestation, the open findings and the attestations so far.
import { Details, StatusTag, SummaryList, Table, Tag } from "@/components/govuk";
import { londonDateTime } from "@/components/register/format";
import { RULES_BY_ID, type RuleId } from "@/lib/compliance";
import { formatCount } from "@/lib/presentation/figures-format";
import { FIGURE_LABELS } from "@/lib/returns/figure-labels";
import {
  RETURN_STATUS_LABELS,
  type AttestationRecord,
  type DepartmentReturn,
  type ReturnChanges,
  type ReturnFigures,
  type ReturnStatus,
} from "@/lib/returns/types";
import { RETURN_STATUS_COLOURS, andMore, answerText } from "./format";

export function ReturnStatusTag({ status }: { status: ReturnStatus }) {
  return <Tag colour={RETURN_STATUS_COLOURS[status]}>{RETURN_STATUS_LABELS[status]}</Tag>;
}

const FIGURE_ORDER = Object.keys(FIGURE_LABELS) as (keyof ReturnFigures)[];

/** The figures a return states, one row each, in the return's order. */
export function FiguresList({ figures }: { figures: ReturnFigures }) {
  return <SummaryList rows={FIGURE_ORDER.map((key) => ({ key: FIGURE_LABELS[key], value: formatCount(figures[key]) }))} />;
}

/** What moved since the latest attestation: the figures, then the devices. */
export function ChangesSinceAttestation({ changes, attestedAt }: { changes: ReturnChanges; attestedAt: string | null }) {
  const since = attestedAt ? `since ${londonDateTime(attestedAt)}` : "since the attestation";
  return (
    <>
      <p className="govuk-body">
        The department&apos;s figures for the as-of date have changed {since}, when they were attested. The accountable official should
        review them and attest again.
      </p>
      {changes.figures.length > 0 ? (
        <Table
          caption="Figures that changed"
          captionSize="s"
          firstCellIsHeader
          head={[{ text: "Figure" }, { text: "Attested", numeric: true }, { text: "Now", numeric: true }]}
          rows={changes.figures.map((f) => [f.label, formatCount(f.attested), formatCount(f.now)])}
        />
      ) : (
        <p className="govuk-body">Every figure is the same as attested; the results of some devices have changed.</p>
      )}
      {changes.devices.length > 0 ? (
        <Table
          caption="Devices whose result changed"
          captionSize="s"
          firstCellIsHeader
          head={[{ text: "Device" }, { text: "Site" }, { text: "Attested" }, { text: "Now" }]}
          rows={changes.devices.map((d) => [
            d.description ? (
              <a key="device" className="govuk-link" href={`/devices/${d.deviceId}`}>
                {d.description}
              </a>
            ) : (
              `Device ${d.deviceId} (no longer in the register)`
            ),
            d.siteName ?? "Not known",
            d.attestedStatus ? <StatusTag key="was" status={d.attestedStatus} /> : "Not in the return",
            d.nowStatus ? <StatusTag key="now" status={d.nowStatus} /> : "No longer in the return",
          ])}
        />
      ) : null}
      {changes.moreDevices > 0 ? (
        <p className="govuk-body">
          The results of {formatCount(changes.moreDevices)} more {changes.moreDevices === 1 ? "device" : "devices"} changed too.
        </p>
      ) : null}
    </>
  );
}

function ruleTitle(id: string): string {
  return RULES_BY_ID[id as RuleId]?.title ?? "Another rule of the directive";
}

/** Devices with an open finding for the as-of date: the first few, and how many more. */
export function OpenFindingsTable({ findings, total }: { findings: DepartmentReturn["openFindings"]; total: number }) {
  const more = andMore(findings.length, total, "device");
  return (
    <>
      <Table
        caption="Devices with open findings"
        captionSize="m"
        firstCellIsHeader
        head={[{ text: "Device" }, { text: "Site" }, { text: "Status" }, { text: "Rules" }]}
        emptyText="No device has an open finding for the as-of date."
        rows={findings.map((f) => [
          <a key="device" className="govuk-link" href={`/devices/${f.deviceId}`}>
            {f.description}
          </a>,
          f.siteName,
          <StatusTag key="status" status={f.status} />,
          f.rules.length === 1 ? (
            ruleTitle(f.rules[0]!)
          ) : (
            <ul key="rules" className="govuk-list govuk-!-margin-bottom-0">
              {f.rules.map((r) => (
                <li key={r}>{ruleTitle(r)}</li>
              ))}
            </ul>
          ),
        ])}
      />
      {more ? <p className="govuk-body">{`A${more.slice(1)}`} with open findings.</p> : null}
    </>
  );
}

/** What the reference is, beside the latest attestation's hash. */
export function ReferenceDetails({ hash }: { hash: string }) {
  return (
    <Details summary="Reference of the attested figures">
      <p className="govuk-body">
        The reference is a fingerprint (a SHA-256 hash) of every device result the figures were counted from. Any change to those
        results gives a different reference, so it shows exactly which figures were attested.
      </p>
      <p className="govuk-body">
        Reference: <code className="break-all">{hash}</code>
      </p>
    </Details>
  );
}

/** Every attestation, newest first, each with who, when, the reference and the answers. */
export function AttestationHistory({ latest, history }: { latest: AttestationRecord | null; history: readonly AttestationRecord[] }) {
  const all = [...(latest ? [latest] : []), ...history.filter((h) => h.id !== latest?.id)];
  if (all.length === 0) return <p className="govuk-body">The department has not attested a return for this round yet.</p>;
  return (
    <>
      {all.map((record, index) => (
        <SummaryList
          key={record.id}
          card={{ title: `${index === 0 ? "Latest: " : ""}${londonDateTime(record.attestedAt)} by ${record.officialName}`, headingLevel: 3 }}
          rows={[
            { key: "Attested by", value: `${record.officialName} (${record.officialEmail})` },
            { key: "Attested", value: londonDateTime(record.attestedAt) },
            ...record.answers.map((a) => ({ key: a.text, value: answerText(a.answer, a.details) })),
            { key: "Comment", value: record.comment ?? "None" },
            { key: "Reference", value: <code className="break-all">{record.figuresHash}</code> },
          ]}
        />
      ))}
    </>
  );
}
