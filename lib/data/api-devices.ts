import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { RULES_BY_ID, type RuleId } from "@/lib/compliance";
import { getDevice, listDevicesAfter, type DeviceDetail, type DeviceRecord, type ExemptionRow } from "@/lib/data/devices";
import { pageOf, type Page, type PageRequest } from "@/lib/api/pagination";
import type { ApiDevice, DeviceFilter } from "@/lib/api/schemas/device";

// Devices for the API: the records, stored results and exemptions the device's page reads
// (getDevice, and listDevicesAfter for cursor pages), with each finding's rule named as the engine
// names it. Nothing here decides anything: the engine's stored answer is passed on as it is.

function exemptionOf(e: ExemptionRow) {
  return { id: e.id, justification: e.justification, approvedBy: e.approvedBy, approvedOn: e.approvedOn, expiresOn: e.expiresOn, revoked: e.revoked };
}

export function toApiDevice(d: DeviceDetail): ApiDevice {
  return {
    id: d.id, organisationId: d.organisationId, siteId: d.siteId, siteSensitivity: d.siteSensitivity, systemId: d.systemId, kind: d.kind,
    brand: d.brand, model: d.model, serial: d.serial, assetTag: d.assetTag, mac: d.mac, ip: d.ip, installedOn: d.installedOn,
    network: d.network, vendorCloud: d.vendorCloud, lifecycle: d.lifecycle, decommissionedOn: d.decommissionedOn, removedOn: d.removedOn,
    removalEvidence: d.removalEvidence, notes: d.notes, version: d.version, status: d.status, evaluatedOn: d.evaluatedOn,
    producer: { name: d.producerName, note: d.producerNote },
    findings: d.findings.map((f) => {
      const rule = RULES_BY_ID[f.ruleId as RuleId] as (typeof RULES_BY_ID)[RuleId] | undefined;
      return { ruleId: f.ruleId, status: f.status, title: rule?.title ?? f.ruleId, message: f.message, directive: rule?.directive ?? null };
    }),
    exemptions: d.exemptions.map(exemptionOf),
    activeExemption: d.activeExemption ? exemptionOf(d.activeExemption) : null,
  };
}

export async function listApiDevices(actor: Actor, filter: DeviceFilter, page: PageRequest): Promise<Page<ApiDevice>> {
  const rows = await listDevicesAfter(actor, filter, page.after, page.limit + 1);
  return pageOf(rows.map(toApiDevice), page.limit);
}

export async function getApiDevice(actor: Actor, id: number): Promise<ApiDevice> {
  return toApiDevice(await getDevice(actor, id));
}

/** The device's form fields as they stand, for a PATCH to be merged over (as the edit form is filled in). */
export function deviceFormValues(d: DeviceRecord): Record<string, unknown> {
  return {
    systemId: d.systemId, kind: d.kind, brand: d.brand, model: d.model, serial: d.serial, assetTag: d.assetTag, mac: d.mac, ip: d.ip,
    installedOn: d.installedOn, network: d.network, vendorCloud: d.vendorCloud, notes: d.notes,
  };
}
