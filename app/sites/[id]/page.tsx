import type { Metadata } from "next";
import { Breadcrumbs, Button, Details, Heading, Pagination, Select, StatusTag, SummaryList, Table, Tag } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listEntityHistory } from "@/lib/data/audit-log";
import { listSiteDevices } from "@/lib/data/site-devices";
import { getSite } from "@/lib/data/sites";
import { CLASSIFICATION_LABELS, SENSITIVITY_CRITERIA, SENSITIVITY_LABELS } from "@/lib/validation/site";
import { DEVICE_STATUSES, siteDevicesQuerySchema, type DeviceStatusValue } from "@/lib/validation/site-page-query";
import { statusPresentation } from "@/components/govuk/status-tag";
import { AuditTable } from "@/components/register/audit-history";
import { DeviceStatusCounts } from "@/components/register/device-status-counts";
import { DoneBanner } from "@/components/register/done-banner";
import { londonDateTime, longDate, pageItems, withQuery, yesNo } from "@/components/register/format";
import { idParam, orNotFound } from "@/components/register/not-found";
import { SiteDeviceTable } from "@/components/register/site-device-table";

export const metadata: Metadata = { title: "Site" };

const DONE = {
  created: "The site has been added",
  updated: "Your changes have been saved",
  archived: "The site has been archived",
  "system-created": "The camera system has been added",
  "system-updated": "The camera system has been changed",
  "system-removed": "The camera system has been removed",
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
  const search = await searchParams;
  const query = siteDevicesQuerySchema.parse(search);
  const devices = await listSiteDevices(actor, id, query);
  const history = await listEntityHistory(actor, "site", id);
  const editable = can(actor.role, "register:write") && site.archivedAt === null;

  const path = `/sites/${id}`;
  // The list is the part of the page these links change, so they land on it.
  const devicesHref = (status: DeviceStatusValue | null, page: number | null = null) => `${withQuery(path, {}, { status, page })}#devices`;
  const statusName = (s: DeviceStatusValue) => statusPresentation(s).text;
  const from = devices.total === 0 ? 0 : (devices.page - 1) * devices.perPage + 1;
  const to = Math.min(devices.page * devices.perPage, devices.total);
  const criteriaMet = SENSITIVITY_CRITERIA.filter((c) => site[c.field]).map((c) => c.label);

  return (
    <>
      <Breadcrumbs items={[{ text: "Sites", href: "/sites" }, { text: site.name }]} />
      <DoneBanner done={search.done} messages={DONE} />
      <Heading level={1} size="l" caption={site.organisationName}>
        {site.name}
      </Heading>
      <p className="govuk-body govuk-!-margin-bottom-2">
        Status: <StatusTag status={site.status} /> {site.archivedAt ? <Tag colour="grey">Archived</Tag> : null}
        {site.evaluatedOn ? <span className="govuk-!-margin-left-2">Evaluated on {longDate(site.evaluatedOn)}.</span> : null}
      </p>
      <DeviceStatusCounts counts={devices.counts} hrefFor={(s) => devicesHref(s)} />
      {editable ? (
        <ul className="govuk-list flex flex-wrap gap-x-6 gap-y-1" aria-label="Change this site">
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
        <ul className="govuk-list flex flex-wrap gap-x-6 gap-y-1">
          <li className="govuk-!-font-weight-bold">On this page:</li>
          <li><a className="govuk-link" href="#devices">Devices</a></li>
          <li><a className="govuk-link" href="#systems">Camera systems</a></li>
          <li><a className="govuk-link" href="#details">Site details</a></li>
          <li><a className="govuk-link" href="#sensitivity">Sensitivity assessment</a></li>
          <li><a className="govuk-link" href="#history">History of changes</a></li>
        </ul>
      </nav>

      <h2 className="govuk-heading-m" id="devices">
        Devices
      </h2>
      {devices.counts.all > 0 ? (
        <form method="get" action={`${path}#devices`} className="flex flex-wrap items-end gap-x-4" aria-label="Filter devices">
          <Select
            id="status"
            name="status"
            label="Status"
            defaultValue={query.status ?? ""}
            options={[
              { value: "", text: `All statuses (${devices.counts.all})` },
              ...DEVICE_STATUSES.map((s) => ({ value: s, text: `${statusName(s)} (${devices.counts.byStatus[s]})` })),
            ]}
          />
          <Button type="submit" variant="secondary">
            Apply filter
          </Button>
        </form>
      ) : null}
      {devices.counts.all > 0 ? (
        <p className="govuk-body">
          {devices.total === 0
            ? `No devices have the status ${statusName(query.status!)}.`
            : `Showing ${from} to ${to} of ${devices.total} ${devices.total === 1 ? "device" : "devices"}${query.status ? ` with the status ${statusName(query.status)}` : ", those that need action first"}.`}
          {query.status ? (
            <>
              {" "}
              <a className="govuk-link" href={devicesHref(null)}>
                Show all devices
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <SiteDeviceTable
        caption={query.status ? `Devices: ${statusName(query.status).toLowerCase()}` : "Devices"}
        rows={devices.rows}
        emptyText={query.status ? "No devices have this status." : "No devices are recorded at this site."}
      />
      <Pagination
        previousHref={devices.page > 1 ? devicesHref(query.status, devices.page - 1) : undefined}
        nextHref={devices.page < devices.pageCount ? devicesHref(query.status, devices.page + 1) : undefined}
        pages={pageItems(devices.page, devices.pageCount, (n) => devicesHref(query.status, n === 1 ? null : n))}
        label="Pages of devices"
      />

      <h2 className="govuk-heading-m" id="systems">
        Camera systems
      </h2>
      {site.systems.length > 0 ? (
        <Table
          caption="Camera systems"
          captionVisuallyHidden
          firstCellIsHeader
          head={[{ text: "System" }, { text: "Description" }, { text: "Devices", numeric: true }, ...(editable ? [{ text: "Action" }] : [])]}
          rows={site.systems.map((s) => [
            s.name,
            s.description ?? "",
            s.devices,
            ...(editable
              ? [
                  <span key="actions">
                    <a className="govuk-link" href={`/sites/${id}/systems/${s.id}/edit`}>
                      Change<span className="govuk-visually-hidden"> the camera system {s.name}</span>
                    </a>
                    {s.devices === 0 ? <a className="govuk-link govuk-!-margin-left-3" href={`/sites/${id}/systems/${s.id}/remove`}>Remove<span className="govuk-visually-hidden"> the camera system {s.name}</span></a> : null}
                  </span>,
                ]
              : []),
          ])}
        />
      ) : (
        <p className="govuk-body">No camera systems are recorded for this site.</p>
      )}

      {/* Side by side on a wide screen, so the record's facts take half the height below the devices. */}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
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

        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m" id="sensitivity">
            Sensitivity assessment
          </h2>
          <SummaryList
            rows={[
              { key: "Sensitivity", value: SENSITIVITY_LABELS[site.sensitivity] },
              {
                key: "Criteria for a sensitive site met",
                value:
                  criteriaMet.length === 0 ? (
                    "None"
                  ) : criteriaMet.length === 1 ? (
                    criteriaMet[0]
                  ) : (
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {criteriaMet.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ),
              },
              { key: "Highest classification", value: site.highestClassification ? CLASSIFICATION_LABELS[site.highestClassification] : "Not recorded" },
              { key: "Sensitive-site controls extended to this site", value: yesNo(site.controlsExtended) },
              {
                key: "Sensitive since",
                value: site.sensitivity !== "SENSITIVE" ? "Not sensitive" : site.sensitiveSince ? longDate(site.sensitiveSince) : "For as long as we know",
              },
              {
                key: "Assessed",
                value: [site.assessedBy, site.assessedOn ? longDate(site.assessedOn) : null].filter(Boolean).join(", ") || "Not recorded",
              },
            ]}
          />
          <Details summary={`Assessment history (${site.history.length} ${site.history.length === 1 ? "entry" : "entries"})`}>
            <Table
              caption="Assessment history"
              captionVisuallyHidden
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
          </Details>
        </div>
      </div>

      <h2 className="govuk-heading-m" id="history">
        History of changes
      </h2>
      <AuditTable caption="Changes to this site, newest first" events={history} />
    </>
  );
}
