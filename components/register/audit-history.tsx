import { Details, Table } from "@/components/govuk";
import type { AuditEventRow } from "@/lib/data/audit-log";
import { londonDateTime } from "@/components/register/format";

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <>
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{label}</p>
      <pre className="govuk-body-s" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{JSON.stringify(value, null, 2)}</pre>
    </>
  );
}

/** What changed, who changed it and when: before and after values behind a disclosure. */
export function AuditTable({
  caption,
  events,
  showEntity = false,
  emptyText = "No changes have been recorded.",
}: {
  caption: string;
  events: readonly AuditEventRow[];
  showEntity?: boolean;
  emptyText?: string;
}) {
  const head = [
    { text: "When" },
    { text: "Who" },
    ...(showEntity ? [{ text: "Record" }, { text: "Organisation" }] : []),
    { text: "What changed" },
  ];
  const rows = events.map((e) => [
    <span key="when" className="govuk-body-s">
      {londonDateTime(e.at)}
    </span>,
    <span key="who" className="govuk-body-s">
      {e.actorEmail}
    </span>,
    ...(showEntity
      ? [
          <span key="entity" className="govuk-body-s">
            {e.entityType === "site" ? (
              <a className="govuk-link" href={`/sites/${e.entityId}`}>
                Site {e.entityId}
              </a>
            ) : e.entityType === "device" ? (
              <a className="govuk-link" href={`/devices/${e.entityId}`}>
                Device {e.entityId}
              </a>
            ) : (
              `${e.entityType} ${e.entityId}`
            )}
          </span>,
          <span key="org" className="govuk-body-s">
            {e.organisationAcronym ?? "None"}
          </span>,
        ]
      : []),
    <div key="what">
      <p className="govuk-body-s govuk-!-margin-bottom-1">{e.summary}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        Action: <code>{e.action}</code>
      </p>
      {e.before != null || e.after != null ? (
        <Details summary="Before and after" className="govuk-!-margin-bottom-0">
          <Json label="Before" value={e.before} />
          <Json label="After" value={e.after} />
        </Details>
      ) : null}
    </div>,
  ]);
  return <Table caption={caption} captionSize="m" head={head} rows={rows} emptyText={emptyText} />;
}
