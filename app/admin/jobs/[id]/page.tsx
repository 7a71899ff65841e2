import type { Metadata } from "next";
import { orNotFound } from "@/app/admin/not-found-unless";
import { formatDateTime } from "@/components/admin/format";
import { JobStateTag } from "@/components/admin/job-state-tag";
import { Heading, NotificationBanner, ProgressBar, SummaryList } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getJob, type Job } from "@/lib/data/jobs";
import type { Actor } from "@/lib/auth/actor";
import { jobHeading } from "@/lib/jobs/job-state";

const REFRESH_SECONDS = 2;

async function jobFor(id: string): Promise<{ actor: Actor; job: Job }> {
  const actor = await requirePagePermission("admin:register", `/admin/jobs/${id}`);
  return { actor, job: await orNotFound(() => getJob(actor, id)) };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { job } = await jobFor((await params).id);
  return { title: jobHeading(job) };
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { job } = await jobFor((await params).id);
  const finished = job.state === "done" || job.state === "failed";
  const total = job.total ?? 0;
  const daily = job.kind === "daily-evaluation";
  return (
    <>
      {/* A plain refresh works without JavaScript; it stops once the job has finished. */}
      {finished ? null : <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />}
      {job.state === "done" && job.result?.upToDate ? (
        <NotificationBanner type="success" heading="Already up to date">
          <p className="govuk-body">The stored results were already up to date for today, so nothing needed doing.</p>
        </NotificationBanner>
      ) : null}
      {job.state === "done" && job.result?.devices !== undefined ? (
        <NotificationBanner type="success" heading="Re-evaluation complete">
          <p className="govuk-body">
            {job.result.devices.toLocaleString("en-GB")} devices re-evaluated; {(job.result.changed ?? 0).toLocaleString("en-GB")} results
            changed. Dashboards and reports now show the new results.
          </p>
        </NotificationBanner>
      ) : null}
      {job.interrupted ? (
        <NotificationBanner title="Interrupted">
          <p className="govuk-body">{job.interrupted}</p>
        </NotificationBanner>
      ) : null}
      {job.state === "failed" ? (
        <NotificationBanner title="Re-evaluation failed">
          <p className="govuk-body">
            {daily ? "The daily evaluation" : "The change was saved, but the re-evaluation"} did not finish:{" "}
            {job.error ?? "no reason was recorded"}. The next daily evaluation will bring the results up to date, or an
            operator can run <code>npm run db:evaluate -- --force</code> now.
          </p>
        </NotificationBanner>
      ) : null}
      <Heading level={1} size="l">{jobHeading(job)}</Heading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProgressBar
            label="Devices re-evaluated"
            value={job.state === "done" ? 1 : job.done}
            max={job.state === "done" ? 1 : Math.max(total, 1)}
            valueText={job.total === null ? "counting devices" : `${job.done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} devices`}
          />
          <SummaryList
            rows={[
              { key: "Status", value: <JobStateTag state={job.state} /> },
              { key: "Stage", value: job.phase },
              { key: "Reason", value: job.reasons.length > 1 ? <ul className="govuk-list">{job.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul> : job.reasons[0] },
              { key: "Started by", value: job.startedBy },
              { key: "Requested", value: formatDateTime(job.createdAt) },
              ...(job.attempts > 1 ? [{ key: "Attempts", value: String(job.attempts) }] : []),
              ...(job.finishedAt ? [{ key: "Finished", value: formatDateTime(job.finishedAt) }] : []),
            ]}
          />
          {finished ? (
            <p className="govuk-body">
              <a href={job.returnTo} className="govuk-link">Continue</a>
            </p>
          ) : (
            <p className="govuk-body" role="status">This page updates every {REFRESH_SECONDS} seconds until the re-evaluation has finished. You can leave it: the work carries on.</p>
          )}
        </div>
      </div>
    </>
  );
}
