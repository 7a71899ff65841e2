import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { pageOf, type Page, type PageRequest } from "@/lib/api/pagination";
import type { ApiSite, ApiSiteDetail } from "@/lib/api/schemas/site";
import { countSiteDevices } from "@/lib/data/site-devices";
import { getSite, listSitesAfter, type SiteListFilter, type SiteWithStatus } from "@/lib/data/sites";

// Sites for the API: the sites list's scope and filters (listSitesAfter shares listSites' query)
// paged by id, and one site with what its page shows (getSite, countSiteDevices).

function toApi(s: SiteWithStatus): ApiSite {
  return {
    id: s.id,
    organisationId: s.organisationId,
    organisationName: s.organisationName,
    organisationAcronym: s.organisationAcronym,
    name: s.name,
    siteCode: s.siteCode,
    addressLine1: s.addressLine1,
    addressLine2: s.addressLine2,
    town: s.town,
    postcode: s.postcode,
    uprn: s.uprn,
    epimsId: s.epimsId,
    sensitivity: s.sensitivity,
    holdsSecretMaterial: s.holdsSecretMaterial,
    hostsDvStaff: s.hostsDvStaff,
    usedByMinisters: s.usedByMinisters,
    socpaDesignated: s.socpaDesignated,
    highestClassification: s.highestClassification,
    controlsExtended: s.controlsExtended,
    assessedBy: s.assessedBy,
    assessedOn: s.assessedOn,
    sensitiveSince: s.sensitiveSince,
    archived: s.archivedAt !== null,
    archivedAt: s.archivedAt,
    version: s.version,
    updatedAt: s.updatedAt,
    status: s.status,
    evaluatedOn: s.evaluatedOn,
  };
}

export async function listApiSites(actor: Actor, filter: SiteListFilter, page: PageRequest): Promise<Page<ApiSite>> {
  const rows = await listSitesAfter(actor, filter, page.after, page.limit + 1);
  return pageOf(rows.map(toApi), page.limit);
}

export async function getApiSite(actor: Actor, id: number): Promise<ApiSiteDetail> {
  const site = await getSite(actor, id);
  const counts = await countSiteDevices(actor, id);
  return {
    ...toApi(site),
    deviceCounts: counts,
    cameraSystems: site.systems.map((s) => ({ id: s.id, name: s.name, description: s.description, devices: s.devices })),
    sensitivityHistory: site.history.map((h) => ({
      sensitivity: h.sensitivity,
      holdsSecretMaterial: h.holdsSecretMaterial,
      hostsDvStaff: h.hostsDvStaff,
      usedByMinisters: h.usedByMinisters,
      socpaDesignated: h.socpaDesignated,
      highestClassification: h.highestClassification,
      controlsExtended: h.controlsExtended,
      assessedBy: h.assessedBy,
      assessedOn: h.assessedOn,
      effectiveFrom: h.effectiveFrom,
      recordedAt: h.recordedAt,
    })),
  };
}
