import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime } from "@/components/admin/format";
import { Heading, SummaryList, Tag, WarningText } from "@/components/govuk";
import { describeEvent } from "@/lib/audit/describe-event";
import type { AuditEventRow } from "@/lib/audit/types";
import { longDatesIn } from "@/lib/audit/words";
import { requirePagePermission } from "@/lib/auth/session";
import { checkAuditTrail } from "@/lib/data/audit-log";

// Events about the service as a whole, which name no record of their own.
const GENERAL = new Set(["evaluation", "policy", "dashboard-export", "register"]);

/** The event the check names, in words: what it recorded, about which record, by whom and when. */
function EventWords({ event }: { event: AuditEventRow }) {
  const words = describeEvent(event, { adminLinks: true });
  return (
    <>
      <span className="govuk-!-font-weight-bold">{words.title}</span>: {words.sentence}
      <br />
      {GENERAL.has(event.entityType) ? null : (
        <>
          {words.record.type}: {words.record.href ? <a className="govuk-link" href={words.record.href}>{words.record.name}</a> : words.record.name}.{" "}
        </>
      )}
      By {words.by}, {words.when}.
    </>
  );
}

export const metadata: Metadata = { title: "Audit trail check" };

export default async function AuditTrailPage() {
  const actor = await requirePagePermission("admin:audit", "/admin/audit-trail");
  const checkedAt = new Date();
  const { report, event } = await checkAuditTrail(actor);
  const checked = [
    { key: "Events checked", value: report.rowsChecked.toLocaleString("en-GB") },
    { key: "Checked at", value: formatDateTime(checkedAt) },
  ];
  const broken = report.firstBreak;
  return (
    <>
      <Heading level={1} size="l">Audit trail check</Heading>
      <AdminNav current="audit-trail" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Every audit event carries a fingerprint (a SHA-256 hash) of its content and of the event before it. This page
            recomputes every fingerprint, so an event that was changed, deleted or moved, even by someone with full control
            of the database, shows here.
          </p>
          {broken ? (
            <WarningText>
              The audit trail has been tampered with. Keep a copy of this page and tell your security team: the events from
              the one named below onwards cannot be trusted.
            </WarningText>
          ) : null}
          <SummaryList
            rows={
              broken
                ? [
                    { key: "Result", value: <Tag colour="red">Broken: {broken.problem}</Tag> },
                    { key: "First broken event", value: `Event ${broken.id}, written ${formatDateTime(new Date(broken.at))}` },
                    ...(event ? [{ key: "What it records", value: <EventWords event={event} /> }] : []),
                    { key: "What is wrong", value: longDatesIn(broken.detail) },
                    ...checked,
                  ]
                : [
                    { key: "Result", value: <Tag colour="green">Intact</Tag> },
                    ...checked,
                    {
                      key: "Newest event",
                      value: report.head ? (
                        <>
                          Event {report.head.id}, position {report.head.seq} in the chain, fingerprint{" "}
                          <code className="break-all">{report.head.hash}</code>
                        </>
                      ) : (
                        "No events yet"
                      ),
                    },
                    ...(event ? [{ key: "What the newest event records", value: <EventWords event={event} /> }] : []),
                  ]
            }
          />
          <p className="govuk-body">
            Deleting only the newest events leaves a shorter trail that still checks as intact. To catch that, note down the
            newest event&apos;s position and fingerprint from time to time, somewhere outside this service, and check them
            with <code>npm run audit:verify -- --head position:fingerprint</code>.
          </p>
        </div>
      </div>
    </>
  );
}
