import { Table } from "@/components/govuk";
import { Timeline } from "@/components/moj/timeline";
import { describeEvent, type DescribeOptions, type EventDescription } from "@/lib/audit/describe-event";
import type { AuditEventRow } from "@/lib/audit/types";

/** What one event did, in words: its sentence, the fields it changed, and the values it recorded. */
function EventDetails({ words, small = false }: { words: EventDescription; small?: boolean }) {
  return (
    <>
      <p className={`${small ? "govuk-body-s" : "govuk-body"} govuk-!-margin-bottom-2`}>{words.sentence}</p>
      {words.changes.length > 0 ? (
        <Table
          caption={`What changed: ${words.title.toLowerCase()}, ${words.when}`}
          captionSize="s"
          captionVisuallyHidden
          className="govuk-!-font-size-16 govuk-!-margin-bottom-2"
          head={[{ text: "Field" }, { text: "Before" }, { text: "After" }]}
          firstCellIsHeader
          rows={words.changes.map((c) => [c.field, c.before, c.after])}
        />
      ) : null}
      {words.facts.length > 0 ? (
        // A table rather than a summary list: the record's page above already has its own summary list of these fields.
        <Table
          caption={`What was recorded: ${words.title.toLowerCase()}, ${words.when}`}
          captionSize="s"
          captionVisuallyHidden
          className="govuk-!-font-size-16 govuk-!-margin-bottom-2"
          head={[{ text: "Field" }, { text: "Value" }]}
          firstCellIsHeader
          rows={words.facts.map((f) => [f.key, f.value])}
        />
      ) : null}
    </>
  );
}

/**
 * A record's own history (the site and device pages), newest first, as MOJ Frontend's timeline:
 * what happened, by whom and when, with the fields it changed. It goes under the page's own
 * heading for the history, so each event's title is one level below it.
 */
export function RecordHistory({
  events,
  emptyText = "No changes have been recorded.",
  headingLevel = 3,
}: {
  events: readonly AuditEventRow[];
  emptyText?: string;
  headingLevel?: 3 | 4;
}) {
  if (events.length === 0) return <p className="govuk-body">{emptyText}</p>;
  return (
    <Timeline
      headingLevel={headingLevel}
      items={events.map((e) => {
        const words = describeEvent(e);
        return {
          id: e.id,
          label: words.title,
          byline: words.by,
          datetime: { timestamp: e.at, text: words.when },
          children: <EventDetails words={words} />,
        };
      })}
    />
  );
}

/**
 * The audit trail as a table (the audit page): when, who, which record, and what changed.
 * Without `showEntity` it is a record's own history, shown as a timeline (see RecordHistory):
 * the caption is then the page's heading above it.
 */
export function AuditTable({
  caption,
  events,
  showEntity = false,
  links = {},
  emptyText = "No changes have been recorded.",
}: {
  caption: string;
  events: readonly AuditEventRow[];
  showEntity?: boolean;
  /** Which records the reader may open. */
  links?: DescribeOptions;
  emptyText?: string;
}) {
  if (!showEntity) return <RecordHistory events={events} emptyText={emptyText} />;
  const rows = events.map((e) => {
    const words = describeEvent(e, links);
    return [
      <span key="when" className="govuk-body-s">
        <time dateTime={e.at}>{words.when}</time>
      </span>,
      <span key="who" className="govuk-body-s wrap-anywhere">
        {words.by}
      </span>,
      <span key="record" className="govuk-body-s">
        {words.record.href ? (
          <a className="govuk-link" href={words.record.href}>
            {words.record.name}
          </a>
        ) : (
          words.record.name
        )}
        <br />
        <span className="govuk-hint govuk-!-font-size-16">{words.record.type}</span>
      </span>,
      <span key="org" className="govuk-body-s">
        {e.organisationAcronym ?? "None"}
      </span>,
      <div key="what">
        <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{words.title}</p>
        <EventDetails words={words} small />
      </div>,
    ];
  });
  return (
    <Table
      caption={caption}
      captionSize="m"
      head={[{ text: "When" }, { text: "Who" }, { text: "Record" }, { text: "Organisation" }, { text: "What happened" }]}
      rows={rows}
      emptyText={emptyText}
    />
  );
}
