import type { SiteDeviceCounts } from "@/lib/types/site-devices";
import { DEVICE_STATUSES, type DeviceStatusValue } from "@/lib/validation/site-page-query";

const WORDS: Record<DeviceStatusValue, string> = {
  BREACH: "in breach",
  ACTION_DUE: "action due",
  UNVERIFIED: "unverified",
  ADVISORY: "advisory",
  COMPLIANT: "compliant",
  REMOVED: "removed",
};

/** "2 in breach", "1 action due"… as the site page's summary and its status filter word them. */
export function deviceStatusWords(status: DeviceStatusValue, n: number): string {
  return `${n} ${WORDS[status]}`;
}

/**
 * How many of the site's devices have each status, each a link to the list filtered to it (a
 * status no device has is plain text: a link to an empty list helps no one).
 */
export function DeviceStatusCounts({ counts, hrefFor }: { counts: SiteDeviceCounts; hrefFor: (status: DeviceStatusValue | null) => string }) {
  return (
    <ul className="govuk-list flex flex-wrap gap-x-6 gap-y-1" aria-label="Devices by status">
      <li className="govuk-!-margin-bottom-0">
        {counts.all > 0 ? (
          <a className="govuk-link govuk-!-font-weight-bold" href={hrefFor(null)}>
            {counts.all} {counts.all === 1 ? "device" : "devices"}
          </a>
        ) : (
          <span className="govuk-!-font-weight-bold">No devices</span>
        )}
      </li>
      {DEVICE_STATUSES.map((status) => {
        const n = counts.byStatus[status];
        return (
          <li key={status} className="govuk-!-margin-bottom-0">
            {n > 0 ? (
              <a className="govuk-link" href={hrefFor(status)}>
                {deviceStatusWords(status, n)}
              </a>
            ) : (
              deviceStatusWords(status, n)
            )}
          </li>
        );
      })}
      {counts.notEvaluated > 0 ? <li className="govuk-!-margin-bottom-0">{counts.notEvaluated} not yet evaluated</li> : null}
    </ul>
  );
}
