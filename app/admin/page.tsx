import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime } from "@/components/admin/format";
import { JobStateTag } from "@/components/admin/job-state-tag";
import { Heading, Table } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listJobs } from "@/lib/data/jobs";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const actor = await requirePagePermission("admin:users", "/admin");
  const jobs = await listJobs(actor, 10);
  return (
    <>
      <Heading level={1} size="l">Administration</Heading>
      <AdminNav current="home" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Heading level={2} size="m"><a href="/admin/users" className="govuk-link">Users</a></Heading>
          <p className="govuk-body">Create accounts, set each person’s role and organisation, and deactivate accounts.</p>
        </div>
        <div className="govuk-grid-column-one-third">
          <Heading level={2} size="m"><a href="/admin/register" className="govuk-link">Producer register</a></Heading>
          <p className="govuk-body">Which producers are covered by the directive, their brands and how sure we are.</p>
        </div>
        <div className="govuk-grid-column-one-third">
          <Heading level={2} size="m"><a href="/admin/policy" className="govuk-link">Policy settings</a></Heading>
          <p className="govuk-body">The cut-off date, the removal deadline and the reclassification grace period.</p>
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Heading level={2} size="m"><a href="/admin/service-accounts" className="govuk-link">Service accounts</a></Heading>
          <p className="govuk-body">Let a department’s own system use the API for one organisation, with tokens you create and revoke.</p>
        </div>
      </div>
      <Table
        caption="Recent re-evaluations"
        head={[{ text: "Started" }, { text: "Reason" }, { text: "By" }, { text: "Status" }]}
        rows={jobs.map((job) => [
          <a key="l" href={`/admin/jobs/${job.id}`} className="govuk-link">{formatDateTime(job.createdAt)}</a>,
          job.interrupted ? `${job.reasons.join("; ")} (interrupted: it will be started again)` : job.reasons.join("; "),
          job.startedBy,
          <JobStateTag key="s" state={job.state} />,
        ])}
        emptyText="No re-evaluations yet."
      />
    </>
  );
}
