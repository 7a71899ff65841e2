// The states a background job's record moves through, shared by the data layer (lib/data/jobs.ts)
// and the components that show them, which must not import the data layer.

export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export type JobKind = "reevaluation" | "daily-evaluation";

/** A job page's heading says where the job is: still going, finished or failed. */
export function jobHeading(job: { kind: JobKind; state: JobState }): string {
  const daily = job.kind === "daily-evaluation";
  if (job.state === "done") return daily ? "Daily evaluation complete" : "Compliance re-evaluated";
  if (job.state === "failed") return daily ? "Daily evaluation failed" : "Re-evaluation failed";
  return daily ? "Daily evaluation in progress" : "Re-evaluating compliance";
}
