import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import type { OrgStatus, Sensitivity } from "@/lib/compliance";
import { organisationRows, ORG_STATUSES, type OrganisationRow } from "@/lib/data/dashboard";
import { getComplianceFigures, type ComplianceFigures, type OrganisationFigures, type Totals } from "@/lib/data/figures";

// Organisations as the register shows them: the list in the actor's scope and one organisation
// with its sites. Figures come from getComplianceFigures; only the sites list reads the tables.

export interface OrganisationList {
  asOf: string;
  source: ComplianceFigures["source"];
  computedAt: string;
  rows: OrganisationRow[];
}

/** Organisations the actor may see, departments with their agencies beneath them. */
export async function listOrganisations(actor: Actor): Promise<OrganisationList> {
  const figures = await getComplianceFigures(actor);
  const rows = organisationRows(figures.organisations, {
    asOf: null, status: null, type: null, parent: null, sort: "name", dir: "asc", page: 1,
  });
  return { asOf: figures.asOf, source: figures.source, computedAt: figures.computedAt, rows };
}

export interface OrganisationDetail {
  id: number;
  name: string;
  acronym: string;
  type: OrganisationFigures["type"];
  parent: { id: number; name: string; acronym: string; visible: boolean } | null;
  asOf: string;
  source: ComplianceFigures["source"];
  computedAt: string;
  /** Null when the organisation has never been evaluated. */
  figures: OrganisationFigures | null;
  agencies: OrganisationFigures[];
  /** The organisation and its agencies added up, as a report on it "with its agencies" gives them; null without agencies. */
  withAgencies: Totals | null;
}

/** The name of an organisation in the actor's scope (404 otherwise), for page titles. */
export async function getOrganisationName(actor: Actor, organisationId: number): Promise<string> {
  if (!inScope(actor, organisationId)) throw notFound("Organisation");
  const org = await db().organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
  if (!org) throw notFound("Organisation");
  return org.name;
}

/** One organisation in the actor's scope (404 otherwise), with its own figures and its agencies'. */
export async function getOrganisation(actor: Actor, organisationId: number): Promise<OrganisationDetail> {
  if (!inScope(actor, organisationId)) throw notFound("Organisation");
  const org = await db().organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true, name: true, acronym: true, type: true,
      parent: { select: { id: true, name: true, acronym: true } },
    },
  });
  if (!org) throw notFound("Organisation");
  const figures = await getComplianceFigures(actor, { organisationId });
  const own = figures.organisations.find((o) => o.id === org.id) ?? null;
  const agencies = figures.organisations.filter((o) => o.parentId === org.id);
  return {
    id: org.id,
    name: org.name,
    acronym: org.acronym,
    type: org.type,
    parent: org.parent ? { ...org.parent, visible: inScope(actor, org.parent.id) } : null,
    asOf: figures.asOf,
    source: figures.source,
    computedAt: figures.computedAt,
    figures: own,
    agencies,
    // The very totals a report on this organisation "with its agencies" gives.
    withAgencies: agencies.length > 0 ? figures.totals : null,
  };
}

export const SITES_PAGE_SIZE = 50;

export interface SitesQuery {
  status: OrgStatus | null;
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const sitesQuerySchema = z.object({
  status: z.enum(ORG_STATUSES).optional().catch(undefined),
  page: z.string().regex(/^\d{1,6}$/).transform(Number).optional().catch(undefined),
});

/** The sites list's view state from the URL; nonsense values fall back to the defaults. Pure. */
export function parseSitesQuery(searchParams: SearchParams): SitesQuery {
  const parsed = sitesQuerySchema.parse({
    status: first(searchParams.status) || undefined,
    page: first(searchParams.page) || undefined,
  });
  return { status: parsed.status ?? null, page: Math.max(1, parsed.page ?? 1) };
}

export interface SiteRow {
  id: number;
  name: string;
  siteCode: string;
  town: string;
  sensitivity: Sensitivity;
  /** Null for a site not evaluated yet. */
  status: OrgStatus | null;
  devices: number;
  breach: number;
  actionDue: number;
  unverified: number;
  coveredRemaining: number;
}

export interface SitesPage {
  rows: SiteRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** An organisation's current (not archived) sites with their stored roll-up, 50 to a page. */
export async function listOrganisationSites(actor: Actor, organisationId: number, query: SitesQuery): Promise<SitesPage> {
  if (!inScope(actor, organisationId)) throw notFound("Organisation");
  const where = {
    organisationId,
    archivedAt: null,
    ...(query.status ? { compliance: { is: { status: query.status } } } : {}),
  };
  const total = await db().site.count({ where });
  const pages = Math.max(1, Math.ceil(total / SITES_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const sites = await db().site.findMany({
    where,
    select: {
      id: true, name: true, siteCode: true, town: true, sensitivity: true,
      compliance: { select: { status: true, devices: true, breach: true, actionDue: true, unverified: true, coveredRemaining: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * SITES_PAGE_SIZE,
    take: SITES_PAGE_SIZE,
  });
  return {
    rows: sites.map((s) => ({
      id: s.id,
      name: s.name,
      siteCode: s.siteCode,
      town: s.town,
      sensitivity: s.sensitivity,
      status: s.compliance?.status ?? null,
      devices: s.compliance?.devices ?? 0,
      breach: s.compliance?.breach ?? 0,
      actionDue: s.compliance?.actionDue ?? 0,
      unverified: s.compliance?.unverified ?? 0,
      coveredRemaining: s.compliance?.coveredRemaining ?? 0,
    })),
    total,
    page,
    pages,
    pageSize: SITES_PAGE_SIZE,
  };
}
