import type { ReactNode } from "react";
import { StatusTag, Table } from "@/components/govuk";
import { HostAddress, ProbableProducer, ScanSays } from "@/components/discovery/host-cells";
import type { HostView, NotSeenView } from "@/components/discovery/types";
import { MATCHED_BY_WORDS, dayOf, hostName, macWords, type ScanSource } from "@/components/discovery/words";
import { londonDateTime, macDisplay } from "@/components/register/format";

// One table for each list on a scan's page. Captions are for screen readers: the sub navigation
// above each table already says which list it is.

interface Common {
  caption: string;
  emptyText: string;
  source: ScanSource;
}

/**
 * A table cell's tick box: govuk-frontend's small checkbox without its form group, whose margin
 * would stretch every row. The label is hidden but names the host, so each box says what it picks.
 */
function HostCheckbox({ host, source }: { host: HostView; source: ScanSource }) {
  const id = `host-${host.id}`;
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
      <div className="govuk-checkboxes__item">
        <input className="govuk-checkboxes__input" id={id} name="host" type="checkbox" value={host.id} />
        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
          <span className="govuk-visually-hidden">Add {hostName(host, source)} to the register</span>
        </label>
      </div>
    </div>
  );
}

function SiteLink({ host }: { host: Pick<HostView, "siteId" | "siteName"> }) {
  return (
    <a className="govuk-link" href={`/sites/${host.siteId}`}>
      {host.siteName}
    </a>
  );
}

/**
 * Hosts not in the register (all of them, or the probable covered equipment among them). With
 * `scanId` the editor's controls appear: a tick box per host for the add form around the table,
 * and a link to dismiss each one.
 */
export function UnrecordedHostTable({ hosts, caption, emptyText, source, scanId }: Common & { hosts: readonly HostView[]; scanId?: number }) {
  const editable = scanId !== undefined;
  const head: { text: ReactNode }[] = [
    ...(editable ? [{ text: <span className="govuk-visually-hidden">Choose</span> }] : []),
    { text: "Address" },
    { text: "What the file says" },
    { text: "Site" },
    { text: "Probable producer" },
    ...(editable ? [{ text: <span className="govuk-visually-hidden">Actions</span> }] : []),
  ];
  return (
    <Table
      caption={caption}
      captionVisuallyHidden
      head={head}
      emptyText={emptyText}
      rows={hosts.map((h) => [
        ...(editable ? [<HostCheckbox key="pick" host={h} source={source} />] : []),
        <HostAddress key="address" host={h} source={source} />,
        <ScanSays key="says" host={h} />,
        <SiteLink key="site" host={h} />,
        <ProbableProducer key="producer" host={h} />,
        ...(editable
          ? [
              <a key="dismiss" className="govuk-link" href={`/discovery/${scanId}/dismiss/${h.id}`}>
                Dismiss<span className="govuk-visually-hidden"> {hostName(h, source)}</span>
              </a>,
            ]
          : []),
      ])}
    />
  );
}

/** Hosts matched to a device in the register, with what differs between the file and the register. */
export function MatchedHostTable({ hosts, caption, emptyText, source }: Common & { hosts: readonly HostView[] }) {
  return (
    <Table
      caption={caption}
      captionVisuallyHidden
      head={[{ text: "Address" }, { text: "Device in the register" }, { text: "Differences" }]}
      emptyText={emptyText}
      rows={hosts.map((h) => [
        <HostAddress key="address" host={h} source={source} />,
        h.device ? (
          <span key="device">
            <a className="govuk-link govuk-!-display-block" href={`/devices/${h.device.id}`}>
              {h.device.label}
            </a>
            <span className="govuk-!-display-block govuk-!-margin-top-1">
              {h.device.status ? <StatusTag status={h.device.status} /> : "Not evaluated"}
            </span>
            {h.matchedBy ? <span className="govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-top-1">{MATCHED_BY_WORDS[h.matchedBy]}</span> : null}
          </span>
        ) : (
          "—"
        ),
        h.differences.length === 0 ? (
          "No differences"
        ) : (
          <ul key="differences" className="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0">
            {h.differences.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ),
      ])}
    />
  );
}

/** Devices in the register at the scan's sites that the scan did not find. */
export function NotSeenTable({ devices, caption, emptyText, editable }: Omit<Common, "source"> & { devices: readonly NotSeenView[]; editable: boolean }) {
  return (
    <Table
      caption={caption}
      captionVisuallyHidden
      head={[
        { text: "Device" },
        { text: "Site" },
        { text: "MAC address" },
        { text: "IP address" },
        { text: "Last seen by a scan" },
        { text: "Status" },
        ...(editable ? [{ text: <span className="govuk-visually-hidden">Actions</span> }] : []),
      ]}
      emptyText={emptyText}
      rows={devices.map((d) => [
        <a key="device" className="govuk-link" href={`/devices/${d.id}`}>
          {d.label}
        </a>,
        d.siteName,
        macDisplay(d.mac) ?? "Not recorded",
        d.ip ?? "Not recorded",
        d.lastSeenAt ? dayOf(d.lastSeenAt) : "Never seen by a scan",
        d.status ? <StatusTag key="status" status={d.status} /> : "Not evaluated",
        ...(editable
          ? [
              <a key="removal" className="govuk-link" href={`/devices/${d.id}/removal`}>
                Record its removal<span className="govuk-visually-hidden"> ({d.label})</span>
              </a>,
            ]
          : []),
      ])}
    />
  );
}

/** Hosts an editor dismissed, with the reason they gave. */
export function DismissedHostTable({ hosts, caption, emptyText, source }: Common & { hosts: readonly HostView[] }) {
  return (
    <Table
      caption={caption}
      captionVisuallyHidden
      head={[{ text: "Address" }, { text: "Why it was dismissed" }, { text: "When" }]}
      emptyText={emptyText}
      rows={hosts.map((h) => [
        <span key="address">
          <span className="govuk-!-display-block govuk-!-font-weight-bold">{hostName(h, source)}</span>
          {h.address && macWords(h.mac, h.macVendor) ? <span className="govuk-!-display-block govuk-!-font-size-16">MAC {macWords(h.mac, h.macVendor)}</span> : null}
        </span>,
        h.actionReason ?? "No reason recorded",
        h.actedAt ? londonDateTime(new Date(h.actedAt).toISOString()) : "—",
      ])}
    />
  );
}
