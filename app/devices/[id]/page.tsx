import type { Metadata } from "next";
import { Breadcrumbs, Heading, StatusTag, SummaryList, Table, Tag, WarningText } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listEntityHistory } from "@/lib/data/audit-log";
import { getDevice } from "@/lib/data/devices";
import { todayInLondon } from "@/lib/platform/today";
import { DEVICE_KIND_LABELS, LIFECYCLE_LABELS, NETWORK_LABELS } from "@/lib/validation/device";
import { SENSITIVITY_LABELS } from "@/lib/validation/site";
import { AuditTable } from "@/components/register/audit-history";
import { DoneBanner } from "@/components/register/done-banner";
import { FindingsList } from "@/components/register/findings";
import { londonDateTime, longDate, macDisplay, yesNo } from "@/components/register/format";
import { idParam, orNotFound } from "@/components/register/not-found";

export const metadata: Metadata = { title: "Device" };

const DONE = {
  created: "The device has been added",
  updated: "Your changes have been saved",
  moved: "The device has been moved",
  decommissioned: "The device has been decommissioned",
  removed: "The removal has been recorded",
  exempted: "The exemption has been recorded",
  "exemption-revoked": "The exemption has been revoked",
};

export default async function DevicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:read", `/devices/${raw}`);
  const id = idParam(raw);
  const device = await orNotFound(getDevice(actor, id));
  const history = await listEntityHistory(actor, "device", id);
  const { done } = await searchParams;
  const title = [device.brand, device.model].filter(Boolean).join(" ");
  const editable = can(actor.role, "register:write") && device.lifecycle !== "REMOVED" && !device.siteArchived;
  const today = todayInLondon();

  return (
    <>
      <Breadcrumbs
        items={[
          { text: "Sites", href: "/sites" },
          { text: device.siteName, href: `/sites/${device.siteId}` },
          { text: title },
        ]}
      />
      <DoneBanner done={done} messages={DONE} />
      <Heading level={1} size="l" caption={`${DEVICE_KIND_LABELS[device.kind]} at ${device.siteName}`}>
        {title}
      </Heading>
      <p className="govuk-body">
        Status: {device.status ? <StatusTag status={device.status} /> : <Tag colour="grey">Not evaluated</Tag>}
        {device.evaluatedOn ? ` (evaluated on ${longDate(device.evaluatedOn)})` : ""}
      </p>
      <h2 className="govuk-heading-m" id="findings">
        Findings
      </h2>
      <FindingsList findings={device.findings} emptyText="No findings: nothing needs doing for this device." />
      {device.seen.overdue ? (
        <WarningText>
          {device.seen.overdue.days === null
            ? "No network scan or camera list of this site has seen this device."
            : `Not seen on the network for ${device.seen.overdue.days.toLocaleString("en-GB")} days (the limit is ${device.seen.notSeenDays.toLocaleString("en-GB")}).`}{" "}
          Check it is still there, or record its removal.
        </WarningText>
      ) : null}
      {device.producerName || device.producerNote ? (
        <p className="govuk-body">
          {device.producerName ? `Producer: ${device.producerName}. ` : ""}
          {device.producerNote ?? ""}
        </p>
      ) : null}

      {editable ? (
        <ul className="govuk-list app-actions">
          <li>
            <a className="govuk-link" href={`/devices/${id}/edit`}>Change device details</a>
          </li>
          <li>
            <a className="govuk-link" href={`/devices/${id}/move`}>Move to another site</a>
          </li>
          {device.lifecycle === "IN_SERVICE" ? (
            <li>
              <a className="govuk-link" href={`/devices/${id}/decommission`}>Decommission</a>
            </li>
          ) : null}
          <li>
            <a className="govuk-link" href={`/devices/${id}/removal`}>Record removal</a>
          </li>
          <li>
            <a className="govuk-link" href={`/devices/${id}/exemption`}>Record an exemption</a>
          </li>
          {device.activeExemption ? (
            <li>
              <a className="govuk-link" href={`/devices/${id}/exemption/revoke`}>Revoke exemption</a>
            </li>
          ) : null}
        </ul>
      ) : null}

      <h2 className="govuk-heading-m" id="details">
        Device details
      </h2>
      <SummaryList
        rows={[
          { key: "Site", value: <a className="govuk-link" href={`/sites/${device.siteId}`}>{`${device.siteName} (${device.siteCode})`}</a> },
          { key: "Site sensitivity", value: SENSITIVITY_LABELS[device.siteSensitivity] },
          { key: "Organisation", value: device.organisationName },
          { key: "Type", value: DEVICE_KIND_LABELS[device.kind] },
          { key: "Camera system", value: device.systemName ?? "Not part of a system" },
          { key: "Brand", value: device.brand },
          { key: "Model", value: device.model ?? "Not recorded" },
          { key: "Serial number", value: device.serial ?? "Not recorded" },
          { key: "Asset tag", value: device.assetTag ?? "Not recorded" },
          { key: "MAC address", value: macDisplay(device.mac) ?? "Not recorded" },
          { key: "IP address", value: device.ip ?? "Not recorded" },
          {
            key: "Last seen on the network",
            value: device.seen.lastSeenAt ? (
              <>
                {londonDateTime(device.seen.lastSeenAt.toISOString())}
                {device.seen.lastSeenScanId ? (
                  <>
                    {" "}
                    (<a className="govuk-link" href={`/discovery/${device.seen.lastSeenScanId}`}>see the scan</a>)
                  </>
                ) : null}
              </>
            ) : device.seen.latestScan ? (
              `Not seen by the scan of its site on ${londonDateTime(device.seen.latestScan.scannedAt.toISOString())}`
            ) : (
              "No network scan of this site yet"
            ),
          },
          { key: "Install date", value: longDate(device.installedOn, "Not known") },
          { key: "Network", value: NETWORK_LABELS[device.network] },
          { key: "Vendor cloud service enabled", value: yesNo(device.vendorCloud) },
          { key: "State", value: LIFECYCLE_LABELS[device.lifecycle] },
          ...(device.decommissionedOn ? [{ key: "Decommissioned", value: longDate(device.decommissionedOn) }] : []),
          ...(device.removedOn ? [{ key: "Removed", value: longDate(device.removedOn) }] : []),
          ...(device.removalEvidence ? [{ key: "Evidence of removal", value: device.removalEvidence }] : []),
          { key: "Notes", value: device.notes ?? "None" },
        ]}
      />

      <h2 className="govuk-heading-m" id="exemptions">
        Exemptions
      </h2>
      <Table
        caption="Exemptions recorded for this device"
        captionVisuallyHidden
        head={[{ text: "Approved by" }, { text: "Approved" }, { text: "Valid until" }, { text: "Justification" }, { text: "State" }]}
        rows={device.exemptions.map((e) => [
          e.approvedBy,
          longDate(e.approvedOn),
          longDate(e.expiresOn),
          e.justification,
          e.revoked ? "Revoked" : e.expiresOn < today ? "Expired" : "Valid",
        ])}
        emptyText="No exemptions have been recorded."
      />

      <h2 className="govuk-heading-m" id="history">
        History of changes
      </h2>
      <AuditTable caption="Changes to this device, newest first" events={history} />
      <p className="govuk-body-s">Recorded changes are kept permanently; the latest was {history[0] ? londonDateTime(history[0].at) : "never"}.</p>
    </>
  );
}
