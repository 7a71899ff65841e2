import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { getComplianceFigures, type OrganisationFigures } from "@/lib/data/figures";
import { pageOf, type Page, type PageRequest } from "@/lib/api/pagination";
import type { ApiOrganisation } from "@/lib/api/schemas/organisation";

// Organisations for the API: the same figures, scope and filters as the dashboard and the
// organisation pages (getComplianceFigures), in id order for cursor paging.

export interface OrganisationFilter {
  status?: OrganisationFigures["status"];
  type?: OrganisationFigures["type"];
  parentId?: number;
}

function toApi(o: OrganisationFigures, asOf: string): ApiOrganisation {
  return {
    id: o.id, name: o.name, acronym: o.acronym, type: o.type, parentId: o.parentId, status: o.status,
    figures: {
      sites: o.sites, sensitiveSites: o.sensitiveSites, devices: o.devices, breach: o.breach, actionDue: o.actionDue,
      unverified: o.unverified, advisory: o.advisory, compliant: o.compliant, removed: o.removed, inService: o.inService,
      completeness: o.completeness, coveredRemaining: o.coveredRemaining, coveredRemoved: o.coveredRemoved, coveredCore: o.coveredCore,
    },
    asOf,
  };
}

export async function listApiOrganisations(actor: Actor, filter: OrganisationFilter, page: PageRequest): Promise<Page<ApiOrganisation>> {
  const figures = await getComplianceFigures(actor);
  const rows = figures.organisations
    .filter((o) => (filter.status === undefined || o.status === filter.status)
      && (filter.type === undefined || o.type === filter.type)
      // As the dashboard's department filter: the department and its agencies.
      && (filter.parentId === undefined || o.id === filter.parentId || o.parentId === filter.parentId))
    .filter((o) => page.after === null || o.id > page.after)
    .sort((a, b) => a.id - b.id)
    .slice(0, page.limit + 1)
    .map((o) => toApi(o, figures.asOf));
  return pageOf(rows, page.limit);
}

export async function getApiOrganisation(actor: Actor, id: number): Promise<ApiOrganisation> {
  if (!inScope(actor, id)) throw notFound("Organisation");
  const figures = await getComplianceFigures(actor, { organisationId: id });
  const own = figures.organisations.find((o) => o.id === id);
  if (!own) throw notFound("Organisation");
  return toApi(own, figures.asOf);
}
