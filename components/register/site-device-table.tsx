import { StatusTag, Table } from "@/components/govuk";
import { FindingTitles } from "@/components/register/findings";
import { longDate } from "@/components/register/format";
import type { SiteDeviceRow } from "@/lib/types/site-devices";
import { DEVICE_KIND_LABELS } from "@/lib/validation/device";

// Shorter than the form's labels ("Departmental core network"…), which wrapped in a narrow column.
const NETWORK_WORDS: Record<SiteDeviceRow["network"], string> = {
  CORE: "Core network",
  SEGREGATED: "Segregated",
  STANDALONE: "Standalone",
  UNKNOWN: "Not known",
};

/**
 * A site's devices, one compact row each: what it is and where (kind and camera system) under its
 * name, one status tag, and its findings by title. The device's own page has the rest. The caption
 * is for screen readers: a heading above says the same.
 */
export function SiteDeviceTable({ caption, rows, emptyText }: { caption: string; rows: readonly SiteDeviceRow[]; emptyText: string }) {
  return (
    <Table
      caption={caption}
      captionVisuallyHidden
      firstCellIsHeader
      className="app-device-table"
      head={[{ text: "Device" }, { text: "Installed" }, { text: "Network" }, { text: "Status" }, { text: "Findings" }]}
      rows={rows.map((d) => [
        <span key="device">
          <a className="govuk-link" href={`/devices/${d.id}`}>
            {[d.brand, d.model].filter(Boolean).join(" ")}
          </a>
          <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">
            {[DEVICE_KIND_LABELS[d.kind], d.systemName].filter(Boolean).join(", ")}
          </span>
        </span>,
        <span key="installed" className="whitespace-nowrap">
          {longDate(d.installedOn, "Not known")}
        </span>,
        NETWORK_WORDS[d.network],
        <span key="status">
          {d.status ? <StatusTag status={d.status} /> : "Not evaluated"}
          {d.lifecycle === "DECOMMISSIONED" ? <span className="govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-top-1">Decommissioned, still on site</span> : null}
        </span>,
        <FindingTitles key="findings" findings={d.findings} />,
      ])}
      emptyText={emptyText}
    />
  );
}
