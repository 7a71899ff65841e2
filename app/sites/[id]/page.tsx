import type { Metadata } from "next";
import { Breadcrumbs, Heading, StatusTag, SummaryList, Table, Tag } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listEntityHistory } from "@/lib/data/audit-log";
import { getSite } from "@/lib/data/sites";
import { DEVICE_KIND_LABELS, LIFECYCLE_LABELS, NETWORK_LABELS } from "@/lib/validation/device";
import { CLASSIFICATION_LABELS, SENSITIVITY_CRITERIA, SENSITIVITY_LABELS } from "@/lib/validation/site";
import { AuditTable } from "@/components/register/audit-history";
import { DoneBanner } from "@/components/register/done-banner";
import { FindingsList } from "@/components/register/findings";
import { londonDateTime, longDate, yesNo } from "@/components/register/format";
import { idParam, orNotFound } from "@/components/register/not-found";

export const metadata: Metadata = { title: "Site" };

const DONE = {
  created: "The site has been added",
  updated: "Your changes have been saved",
  archived: "The site has been archived",
  "system-created": "The camera system has been added",
  "system-updated": "The camera system has been changed",
};

export default async function SitePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:read", `/sites/${raw}`);
  const id = idParam(raw);
  const site = await orNotFound(getSite(actor, id));
  const history = await listEntityHistory(actor, "site", id);
  const { done } = await searchParams;
  const editable = can(actor.role, "register:write") && site.archivedAt === null;
  const systemNames = new Map(site.systems.map((s) => [s.id, s.name]));

  return (
    <>
      <Breadcrumbs items={[{ text: "Sites", href: "/sites" }, { text: site.name }]} />
      <DoneBanner done={done} messages={DONE} />
      <Heading level={1} size="l" caption={site.organisationName}>
        {site.name}
      </Heading>
      <p className="govuk-body">
        Status: <StatusTag status={site.status} /> {site.archivedAt ? <Tag colour="grey">Archived</Tag> : null}
      </p>
      <p className="govuk-body">
        {site.counts.devices} {site.counts.devices === 1 ? "device" : "devices"}: {site.counts.breach} breach, {site.counts.actionDue} action
        due, {site.counts.unverified} unverified, {site.counts.advisory} advisory, {site.counts.compliant} compliant, {site.counts.removed}{" "}
        removed.
        {site.evaluatedOn ? ` Evaluated on ${longDate(site.evaluatedOn)}.` : ""}
      </p>
      {editable ? (
        <ul className="govuk-list app-actions">
          <li>
            <a className="govuk-link" href={`/sites/${id}/edit`}>
              Change site details or sensitivity<span className="govuk-visually-hidden"> of {site.name}</span>
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/sites/${id}/devices/new`}>
              Add a device<span className="govuk-visually-hidden"> to {site.name}</span>
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/sites/${id}/systems/new`}>
              Add a camera system<span className="govuk-visually-hidden"> to {site.name}</span>
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/sites/${id}/archive`}>
              Archive this site
            </a>
          </li>
        </ul>
      ) : null}

      <nav aria-label="On this page" className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-s govuk-!-margin-bottom-1">On this page</h2>
        <ul className="govuk-list">
          <li><a className="govuk-link" href="#details">Site details</a></li>
          <li><a className="govuk-link" href="#sensitivity">Sensitivity assessment</a></li>
          <li><a className="govuk-link" href="#devices">Systems and devices</a></li>
          <li><a className="govuk-link" href="#history">History of changes</a></li>
        </ul>
      </nav>

      <h2 className="govuk-heading-m" id="details">
        Site details
      </h2>
      <SummaryList
        rows={[
          { key: "Organisation", value: site.organisationName },
          { key: "Site code", value: site.siteCode },
          {
            key: "Address",
            value: (
              <>
                {site.addressLine1}
                <br />
                {site.addressLine2 ? (
                  <>
                    {site.addressLine2}
                    <br />
                  </>
                ) : null}
                {site.town}
                <br />
                {site.postcode}
              </>
            ),
          },
          { key: "UPRN", value: site.uprn ?? "Not recorded" },
          { key: "ePIMS ID", value: site.epimsId ?? "Not recorded" },
          ...(site.archivedAt ? [{ key: "Archived", value: londonDateTime(site.archivedAt) }] : []),
        ]}
      />

      <h2 className="govuk-heading-m" id="sensitivity">
        Sensitivity assessment
      </h2>
      <SummaryList
        rows={[
          { key: "Sensitivity", value: SENSITIVITY_LABELS[site.sensitivity] },
          ...SENSITIVITY_CRITERIA.map((c) => ({ key: c.label, value: yesNo(site[c.field]) })),
          { key: "Highest classification", value: site.highestClassification ? CLASSIFICATION_LABELS[site.highestClassification] : "Not recorded" },
          { key: "Sensitive-site controls extended to this site", value: yesNo(site.controlsExtended) },
          {
            key: "Sensitive since",
            value: site.sensitivity !== "SENSITIVE" ? "Not sensitive" : site.sensitiveSince ? longDate(site.sensitiveSince) : "For as long as we know",
          },
          { key: "Assessed by", value: site.assessedBy ?? "Not recorded" },
          { key: "Date of assessment", value: longDate(site.assessedOn) },
        ]}
      />
      <Table
        caption="Assessment history"
        captionSize="s"
        head={[{ text: "Effective from" }, { text: "Sensitivity" }, { text: "Criteria met" }, { text: "Classification" }, { text: "Assessed" }, { text: "Recorded" }]}
        rows={site.history.map((h) => [
          longDate(h.effectiveFrom),
          SENSITIVITY_LABELS[h.sensitivity] + (h.controlsExtended ? " (controls extended)" : ""),
          SENSITIVITY_CRITERIA.filter((c) => h[c.field])
            .map((c) => c.label)
            .join("; ") || "None",
          h.highestClassification ? CLASSIFICATION_LABELS[h.highestClassification] : "Not recorded",
          [h.assessedBy, h.assessedOn ? longDate(h.assessedOn) : null].filter(Boolean).join(", ") || "Not recorded",
          londonDateTime(h.recordedAt),
        ])}
        emptyText="No assessment has been recorded."
      />

      <h2 className="govuk-heading-m" id="devices">
        Systems and devices
      </h2>
      {site.systems.length > 0 ? (
        <Table
          caption="Camera systems"
          captionSize="s"
          firstCellIsHeader
          head={[{ text: "System" }, { text: "Description" }, { text: "Devices", numeric: true }, ...(editable ? [{ text: "Action" }] : [])]}
          rows={site.systems.map((s) => [
            s.name,
            s.description ?? "",
            site.devices.filter((d) => d.systemId === s.id).length,
            ...(editable
              ? [
                  <a key="change" className="govuk-link" href={`/sites/${id}/systems/${s.id}/edit`}>
                    Change<span className="govuk-visually-hidden"> the camera system {s.name}</span>
                  </a>,
                ]
              : []),
          ])}
        />
      ) : (
        <p className="govuk-body">No camera systems are recorded for this site.</p>
      )}
      <Table
        caption="Devices"
        captionSize="s"
        firstCellIsHeader
        head={[{ text: "Device" }, { text: "Installed" }, { text: "Network" }, { text: "State" }, { text: "Status" }, { text: "Findings" }]}
        rows={site.devices.map((d) => [
          <span key="device">
            <a className="govuk-link" href={`/devices/${d.id}`}>
              {[d.brand, d.model].filter(Boolean).join(" ")}
            </a>
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
              {DEVICE_KIND_LABELS[d.kind]}
              {d.systemId ? `, ${systemNames.get(d.systemId) ?? "system"}` : ""}
              {d.serial ? `, serial ${d.serial}` : ""}
              {d.producerName ? `. Producer: ${d.producerName}` : ""}
            </span>
          </span>,
          longDate(d.installedOn, "Not known"),
          NETWORK_LABELS[d.network],
          LIFECYCLE_LABELS[d.lifecycle],
          d.status ? <StatusTag key="status" status={d.status} /> : "Not evaluated",
          <FindingsList key="findings" findings={d.findings} emptyText="None" />,
        ])}
        emptyText="No devices are recorded at this site."
      />

      <h2 className="govuk-heading-m" id="history">
        History of changes
      </h2>
      <AuditTable caption="Changes to this site, newest first" events={history} />
    </>
  );
}
