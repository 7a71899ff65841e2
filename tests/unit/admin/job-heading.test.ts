import { describe, expect, it } from "vitest";
import { JOB_STATES, jobHeading } from "@/lib/jobs/job-state";

describe("a job page's heading matches the job's state", () => {
  it.each([
    ["reevaluation", "queued", "Re-evaluating compliance"],
    ["reevaluation", "running", "Re-evaluating compliance"],
    ["reevaluation", "done", "Compliance re-evaluated"],
    ["reevaluation", "failed", "Re-evaluation failed"],
    ["daily-evaluation", "running", "Daily evaluation in progress"],
    ["daily-evaluation", "done", "Daily evaluation complete"],
    ["daily-evaluation", "failed", "Daily evaluation failed"],
  ] as const)("%s, %s: %s", (kind, state, heading) => {
    expect(jobHeading({ kind, state })).toBe(heading);
  });

  it("no finished job says it is still going", () => {
    for (const state of JOB_STATES.filter((s) => s === "done" || s === "failed")) {
      expect(jobHeading({ kind: "reevaluation", state })).not.toMatch(/ing compliance$/);
    }
  });
});
