import type { Finding } from "@/lib/compliance";

const FINDING_STATUSES = new Set(["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY", "COMPLIANT", "REMOVED"]);

/** Stored findings are JSON: read them defensively so one odd row cannot break a page. */
export function findingsOf(json: unknown): Finding[] {
  if (!Array.isArray(json)) return [];
  const out: Finding[] = [];
  for (const f of json) {
    if (f && typeof f === "object") {
      const { ruleId, status, message } = f as Record<string, unknown>;
      if (typeof ruleId === "string" && typeof status === "string" && FINDING_STATUSES.has(status) && typeof message === "string") {
        out.push({ ruleId, status: status as Finding["status"], message });
      }
    }
  }
  return out;
}
