import { Tag, type TagColour } from "@/components/govuk";
import type { JobState } from "@/lib/jobs/job-state";

const LOOK: Record<JobState, { colour: TagColour; text: string }> = {
  queued: { colour: "grey", text: "Waiting" },
  running: { colour: "blue", text: "In progress" },
  done: { colour: "green", text: "Complete" },
  failed: { colour: "red", text: "Failed" },
};

export function JobStateTag({ state }: { state: JobState }) {
  const look = LOOK[state];
  return <Tag colour={look.colour}>{look.text}</Tag>;
}
