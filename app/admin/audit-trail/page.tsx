import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime } from "@/components/admin/format";
import { Heading, SummaryList, Tag, WarningText } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { checkAuditTrail } from "@/lib/data/audit-log";

export const metadata: Metadata = { title: "Audit trail check" };

export default async function AuditTrailPage() {
  const actor = await requirePagePermission("admin:audit", "/admin/audit-trail");
  const checkedAt = new Date();
  const report = await checkAuditTrail(actor);
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
                    { key: "What is wrong", value: broken.detail },
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
