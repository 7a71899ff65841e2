import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/auth/errors";
import type { OrgStatus } from "@/lib/compliance";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { dateOf, isoDateOf } from "@/lib/data/date-codec";
import { reevaluate } from "@/lib/data/evaluation";
import type { Outcome } from "@/lib/data/outcome";
import { assertCanRead, assertCanWrite, organisationScope } from "@/lib/data/scope";
import { containsWord } from "@/lib/data/text-search";
import { todayInLondon } from "@/lib/platform/today";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type {
  ArchiveSiteInput,
  ClassificationValue,
  SensitivityValue,
  SiteFormInput,
  SiteListQuery,
} from "@/lib/validation/site";

// Sites of the register, always seen through the actor's organisations. An id outside them is
// answered exactly as an id that does not exist (404), so the register does not leak its list.

export const SITE_STALE_MESSAGE =
  "This site was changed by someone else since you opened it. Your changes have not been saved: reload to see the latest version.";

// ---- Organisations the actor can file sites under -----------------------------------------

export interface OrganisationChoice {
  id: number;
  name: string;
  acronym: string;
}

export async function listSiteOrganisations(actor: Actor): Promise<OrganisationChoice[]> {
  assertCanRead(actor);
  const where = actor.scope.all ? {} : { id: { in: actor.scope.organisationIds } };
  return db().organisation.findMany({ where, select: { id: true, name: true, acronym: true }, orderBy: { name: "asc" } });
}

// ---- The site list ---------------------------------------------------------------------------

export const SITES_PER_PAGE = 50;

export interface SiteListRow {
  id: number;
  name: string;
  siteCode: string;
  town: string;
  postcode: string;
  organisationAcronym: string;
  organisationName: string;
  sensitivity: SensitivityValue;
  status: OrgStatus;
  devices: number;
  breach: number;
  archived: boolean;
}

export interface SiteList {
  rows: SiteListRow[];
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
}

/** The list's filters, without its sorting and page: the API pages the same list by id. */
export type SiteListFilter = Pick<SiteListQuery, "q" | "sensitivity" | "status" | "lifecycle" | "organisation">;

function siteListWhere(actor: Actor, query: SiteListFilter): Prisma.SiteWhereInput {
  const and: Prisma.SiteWhereInput[] = [organisationScope(actor)];
  and.push(query.lifecycle === "archived" ? { archivedAt: { not: null } } : { archivedAt: null });
  if (query.q) {
    const contains = containsWord(query.q);
    and.push({ OR: [{ name: contains }, { siteCode: contains }, { town: contains }, { postcode: contains }] });
  }
  if (query.sensitivity) and.push({ sensitivity: query.sensitivity });
  if (query.status) {
    // A site with no stored roll-up yet has no devices to report on: it counts as "No data".
    and.push(
      query.status === "NO_DATA"
        ? { OR: [{ compliance: { is: null } }, { compliance: { is: { status: "NO_DATA" } } }] }
        : { compliance: { is: { status: query.status } } },
    );
  }
  if (query.organisation) and.push({ organisationId: query.organisation });
  return { AND: and };
}

function siteListOrder(query: SiteListQuery): Prisma.SiteOrderByWithRelationInput[] {
  const dir = query.dir;
  const byKey: Record<SiteListQuery["sort"], Prisma.SiteOrderByWithRelationInput> = {
    name: { name: dir },
    code: { siteCode: dir },
    organisation: { organisation: { acronym: dir } },
    sensitivity: { sensitivity: dir },
    status: { compliance: { status: dir } },
    devices: { compliance: { devices: dir } },
    updated: { updatedAt: dir },
  };
  // The id settles ties so that paging is stable.
  return [byKey[query.sort], { name: "asc" }, { id: "asc" }];
}

export async function listSites(actor: Actor, query: SiteListQuery): Promise<SiteList> {
  assertCanRead(actor);
  const where = siteListWhere(actor, query);
  const total = await db().site.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / SITES_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const sites = await db().site.findMany({
    where,
    orderBy: siteListOrder(query),
    skip: (page - 1) * SITES_PER_PAGE,
    take: SITES_PER_PAGE,
    select: {
      id: true,
      name: true,
      siteCode: true,
      town: true,
      postcode: true,
      sensitivity: true,
      archivedAt: true,
      organisation: { select: { acronym: true, name: true } },
      compliance: { select: { status: true, devices: true, breach: true } },
    },
  });
  return {
    rows: sites.map((s) => ({
      id: s.id,
      name: s.name,
      siteCode: s.siteCode,
      town: s.town,
      postcode: s.postcode,
      organisationAcronym: s.organisation.acronym,
      organisationName: s.organisation.name,
      sensitivity: s.sensitivity,
      status: s.compliance?.status ?? "NO_DATA",
      devices: s.compliance?.devices ?? 0,
      breach: s.compliance?.breach ?? 0,
      archived: s.archivedAt !== null,
    })),
    total,
    page,
    pageCount,
    perPage: SITES_PER_PAGE,
  };
}

// ---- One site ----------------------------------------------------------------------------------

export interface SensitivityHistoryRow {
  id: number;
  sensitivity: SensitivityValue;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: ClassificationValue | null;
  controlsExtended: boolean;
  effectiveFrom: string;
  assessedBy: string | null;
  assessedOn: string | null;
  recordedAt: string;
}

export interface SiteSystemRow {
  id: number;
  name: string;
  description: string | null;
  /** Devices in the system, whatever their state. */
  devices: number;
}

export interface SiteRecord {
  id: number;
  organisationId: number;
  organisationName: string;
  organisationAcronym: string;
  name: string;
  siteCode: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  uprn: string | null;
  epimsId: string | null;
  sensitivity: SensitivityValue;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: ClassificationValue | null;
  controlsExtended: boolean;
  sensitiveSince: string | null;
  assessedBy: string | null;
  assessedOn: string | null;
  archivedAt: string | null;
  version: number;
  updatedAt: string;
}

export interface SiteDetail extends SiteRecord {
  status: OrgStatus;
  evaluatedOn: string | null;
  history: SensitivityHistoryRow[];
  systems: SiteSystemRow[];
}

const SITE_SELECT = {
  id: true,
  organisationId: true,
  organisation: { select: { name: true, acronym: true } },
  name: true,
  siteCode: true,
  addressLine1: true,
  addressLine2: true,
  town: true,
  postcode: true,
  uprn: true,
  epimsId: true,
  sensitivity: true,
  holdsSecretMaterial: true,
  hostsDvStaff: true,
  usedByMinisters: true,
  socpaDesignated: true,
  highestClassification: true,
  controlsExtended: true,
  sensitiveSince: true,
  assessedBy: true,
  assessedOn: true,
  archivedAt: true,
  version: true,
  updatedAt: true,
} as const satisfies Prisma.SiteSelect;

type SelectedSite = Prisma.SiteGetPayload<{ select: typeof SITE_SELECT }>;

function toRecord(s: SelectedSite): SiteRecord {
  return {
    id: s.id,
    organisationId: s.organisationId,
    organisationName: s.organisation.name,
    organisationAcronym: s.organisation.acronym,
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
    sensitiveSince: isoDateOf(s.sensitiveSince),
    assessedBy: s.assessedBy,
    assessedOn: isoDateOf(s.assessedOn),
    archivedAt: s.archivedAt ? s.archivedAt.toISOString() : null,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The site as its edit form needs it. Out of scope or missing → NOT_FOUND. */
export async function getSiteRecord(actor: Actor, id: number): Promise<SiteRecord> {
  assertCanRead(actor);
  const site = await db().site.findFirst({ where: { id, ...organisationScope(actor) }, select: SITE_SELECT });
  if (!site) throw notFound("Site");
  return toRecord(site);
}

export async function getSite(actor: Actor, id: number): Promise<SiteDetail> {
  const record = await getSiteRecord(actor, id);
  const compliance = await db().siteCompliance.findUnique({
    where: { siteId: id },
    select: { status: true, evaluatedOn: true },
  });
  const history = await db().siteSensitivity.findMany({
    where: { siteId: id },
    // In the order they were recorded: a correction may take effect before an earlier entry did.
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      sensitivity: true,
      holdsSecretMaterial: true,
      hostsDvStaff: true,
      usedByMinisters: true,
      socpaDesignated: true,
      highestClassification: true,
      controlsExtended: true,
      effectiveFrom: true,
      assessedBy: true,
      assessedOn: true,
      recordedAt: true,
    },
  });
  const systems = await db().cameraSystem.findMany({
    where: { siteId: id },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, _count: { select: { devices: true } } },
  });
  return {
    ...record,
    status: compliance?.status ?? "NO_DATA",
    evaluatedOn: isoDateOf(compliance?.evaluatedOn ?? null),
    history: history.map((h) => ({
      id: h.id,
      sensitivity: h.sensitivity,
      holdsSecretMaterial: h.holdsSecretMaterial,
      hostsDvStaff: h.hostsDvStaff,
      usedByMinisters: h.usedByMinisters,
      socpaDesignated: h.socpaDesignated,
      highestClassification: h.highestClassification,
      controlsExtended: h.controlsExtended,
      effectiveFrom: isoDateOf(h.effectiveFrom) ?? "",
      assessedBy: h.assessedBy,
      assessedOn: isoDateOf(h.assessedOn),
      recordedAt: h.recordedAt.toISOString(),
    })),
    systems: systems.map((s) => ({ id: s.id, name: s.name, description: s.description, devices: s._count.devices })),
  };
}

export interface SiteWithStatus extends SiteRecord {
  status: OrgStatus;
  evaluatedOn: string | null;
}

/**
 * The sites list's filters and scope, in ascending id order after `afterId`, at most `take` of
 * them: for paging by cursor, where a site added or archived meanwhile shifts no page.
 */
export async function listSitesAfter(actor: Actor, filter: SiteListFilter, afterId: number | null, take: number): Promise<SiteWithStatus[]> {
  assertCanRead(actor);
  const where = siteListWhere(actor, filter);
  const sites = await db().site.findMany({
    where: afterId === null ? where : { AND: [where, { id: { gt: afterId } }] },
    orderBy: { id: "asc" },
    take,
    select: { ...SITE_SELECT, compliance: { select: { status: true, evaluatedOn: true } } },
  });
  return sites.map(({ compliance, ...s }) => ({
    ...toRecord(s),
    status: compliance?.status ?? "NO_DATA",
    evaluatedOn: isoDateOf(compliance?.evaluatedOn ?? null),
  }));
}

// ---- Writes ------------------------------------------------------------------------------------

type Tx = Prisma.TransactionClient;

/** The assessment as it is stored, compared and written to the history. */
interface Assessment {
  sensitivity: SensitivityValue;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: ClassificationValue | null;
  controlsExtended: boolean;
  sensitiveSince: string | null;
  assessedBy: string | null;
  assessedOn: string | null;
}

const ASSESSMENT_KEYS = [
  "sensitivity",
  "holdsSecretMaterial",
  "hostsDvStaff",
  "usedByMinisters",
  "socpaDesignated",
  "highestClassification",
  "controlsExtended",
  "sensitiveSince",
  "assessedBy",
  "assessedOn",
] as const satisfies readonly (keyof Assessment)[];

/**
 * When the site became sensitive. Changing to SENSITIVE starts on the effective date unless the
 * user says it always was (null: "sensitive for as long as we know"); staying SENSITIVE keeps the
 * date already recorded; a date typed in (the import's column) wins over both.
 */
function sensitiveSinceFor(input: SiteFormInput, effectiveFrom: string, before: Pick<Assessment, "sensitivity" | "sensitiveSince"> | null): string | null {
  if (input.sensitivity !== "SENSITIVE") return null;
  if (input.alwaysSensitive) return null;
  if (input.sensitiveSince) return input.sensitiveSince;
  if (before?.sensitivity === "SENSITIVE") {
    // Unticking "always sensitive" on the form means it became sensitive on the effective date.
    if (before.sensitiveSince === null && input.alwaysSensitiveAsked) return effectiveFrom;
    return before.sensitiveSince;
  }
  return effectiveFrom;
}

function assessmentOf(input: SiteFormInput, sensitiveSince: string | null): Assessment {
  return {
    sensitivity: input.sensitivity,
    holdsSecretMaterial: input.holdsSecretMaterial,
    hostsDvStaff: input.hostsDvStaff,
    usedByMinisters: input.usedByMinisters,
    socpaDesignated: input.socpaDesignated,
    highestClassification: input.highestClassification,
    controlsExtended: input.controlsExtended,
    sensitiveSince,
    assessedBy: input.assessedBy,
    assessedOn: input.assessedOn,
  };
}

async function writeHistory(tx: Tx, siteId: number, a: Assessment, effectiveFrom: string): Promise<void> {
  await tx.siteSensitivity.create({
    data: {
      siteId,
      sensitivity: a.sensitivity,
      holdsSecretMaterial: a.holdsSecretMaterial,
      hostsDvStaff: a.hostsDvStaff,
      usedByMinisters: a.usedByMinisters,
      socpaDesignated: a.socpaDesignated,
      highestClassification: a.highestClassification,
      controlsExtended: a.controlsExtended,
      effectiveFrom: dateOf(effectiveFrom),
      assessedBy: a.assessedBy,
      assessedOn: dateOf(a.assessedOn),
    },
    select: { id: true },
  });
}

function auditShape(r: Omit<SiteRecord, "organisationName" | "organisationAcronym" | "archivedAt" | "version" | "updatedAt" | "id">) {
  return {
    organisationId: r.organisationId,
    name: r.name,
    siteCode: r.siteCode,
    addressLine1: r.addressLine1,
    addressLine2: r.addressLine2,
    town: r.town,
    postcode: r.postcode,
    uprn: r.uprn,
    epimsId: r.epimsId,
    sensitivity: r.sensitivity,
    holdsSecretMaterial: r.holdsSecretMaterial,
    hostsDvStaff: r.hostsDvStaff,
    usedByMinisters: r.usedByMinisters,
    socpaDesignated: r.socpaDesignated,
    highestClassification: r.highestClassification,
    controlsExtended: r.controlsExtended,
    sensitiveSince: r.sensitiveSince,
    assessedBy: r.assessedBy,
    assessedOn: r.assessedOn,
  };
}

const CODE_TAKEN = "A site with this code already exists in this organisation";
const EPIMS_TAKEN = "Another site already has this ePIMS ID";

function uniqueViolation(error: unknown): FieldErrors | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const target = JSON.stringify(error.meta ?? {});
  return target.includes("epims") ? { epimsId: EPIMS_TAKEN } : { siteCode: CODE_TAKEN };
}

/** The columns a site's form sets, the same on create and edit. */
function siteColumns(input: SiteFormInput, assessment: Assessment) {
  return {
    name: input.name,
    siteCode: input.siteCode,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2,
    town: input.town,
    postcode: input.postcode,
    uprn: input.uprn,
    epimsId: input.epimsId,
    ...assessment,
    sensitiveSince: dateOf(assessment.sensitiveSince),
    assessedOn: dateOf(assessment.assessedOn),
  };
}

async function duplicates(tx: Tx, input: SiteFormInput, exceptId: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const notSelf = exceptId === null ? {} : { id: { not: exceptId } };
  const code = await tx.site.findFirst({ where: { organisationId: input.organisationId, siteCode: input.siteCode, ...notSelf }, select: { id: true } });
  if (code) errors.siteCode = CODE_TAKEN;
  if (input.epimsId) {
    const epims = await tx.site.findFirst({ where: { epimsId: input.epimsId, ...notSelf }, select: { id: true } });
    if (epims) errors.epimsId = EPIMS_TAKEN;
  }
  return errors;
}

export async function createSite(actor: Actor, input: SiteFormInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  if (!inScope(actor, input.organisationId)) {
    return { ok: false, fieldErrors: { organisationId: "Select an organisation from the list" } };
  }
  const today = todayInLondon();
  const effectiveFrom = input.effectiveFrom ?? today;
  const assessment = assessmentOf(input, sensitiveSinceFor(input, effectiveFrom, null));
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
      const org = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } });
      if (!org) return { ok: false, fieldErrors: { organisationId: "Select an organisation from the list" } };
      const taken = await duplicates(tx, input, null);
      if (Object.keys(taken).length) return { ok: false, fieldErrors: taken };
      const site = await tx.site.create({
        data: {
          organisationId: input.organisationId,
          ...siteColumns(input, assessment),
        },
        select: SITE_SELECT,
      });
      if (input.sensitivity !== "UNASSESSED") await writeHistory(tx, site.id, assessment, effectiveFrom);
      const record = toRecord(site);
      await recordAudit(tx, actor, {
        action: "site.created",
        entityType: "site",
        entityId: String(site.id),
        organisationId: site.organisationId,
        summary: `Added the site ${site.name} (${site.siteCode})`,
        after: auditShape(record),
      });
      await reevaluate(tx, { siteIds: [site.id] }, today);
      return { ok: true, value: { id: site.id } };
    });
  } catch (error) {
    const taken = uniqueViolation(error);
    if (taken) return { ok: false, fieldErrors: taken };
    throw error;
  }
}

/** Load the site inside a transaction, scoped; refuse an archived one and a stale version. */
async function siteForChange(tx: Tx, actor: Actor, id: number, version: number | null): Promise<SelectedSite> {
  const site = await tx.site.findFirst({ where: { id, ...organisationScope(actor) }, select: SITE_SELECT });
  if (!site) throw notFound("Site");
  if (version === null || site.version !== version) throw conflict(SITE_STALE_MESSAGE);
  return site;
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

export async function updateSite(actor: Actor, id: number, input: SiteFormInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  const today = todayInLondon();
  const effectiveFrom = input.effectiveFrom ?? today;
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
      const site = await siteForChange(tx, actor, id, input.version);
      if (site.archivedAt) return { ok: false, fieldErrors: { form: "This site is archived: it can no longer be changed" } };
      // Sites stay with the organisation that registered them; the form posts it back unchanged.
      if (input.organisationId !== site.organisationId) {
        return { ok: false, fieldErrors: { organisationId: "A site cannot be moved to another organisation" } };
      }
      const taken = await duplicates(tx, input, id);
      if (Object.keys(taken).length) return { ok: false, fieldErrors: taken };
      const before = toRecord(site);
      const assessment = assessmentOf(input, sensitiveSinceFor(input, effectiveFrom, before));
      const assessmentChanged = ASSESSMENT_KEYS.some((k) => before[k] !== assessment[k]);
      const updated = await tx.site.updateMany({
        where: { id, version: site.version },
        data: {
          ...siteColumns(input, assessment),
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw conflict(SITE_STALE_MESSAGE);
      if (assessmentChanged) await writeHistory(tx, id, assessment, effectiveFrom);
      const beforeShape = auditShape(before);
      const after = auditShape({ ...before, ...input, ...assessment, organisationId: before.organisationId });
      const changed = changedKeys(beforeShape, after);
      await recordAudit(tx, actor, {
        action: assessmentChanged ? "site.sensitivity-changed" : "site.updated",
        entityType: "site",
        entityId: String(id),
        organisationId: site.organisationId,
        summary: assessmentChanged
          ? `Changed the sensitivity assessment of ${input.name} (effective ${effectiveFrom})`
          : `Updated ${input.name}${changed.length ? `: ${changed.join(", ")}` : " (no changes)"}`,
        before: Object.fromEntries(changed.map((k) => [k, beforeShape[k as keyof typeof beforeShape]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
      });
      if (assessmentChanged) await reevaluate(tx, { siteIds: [id] }, today);
      return { ok: true, value: { id } };
    });
  } catch (error) {
    const taken = uniqueViolation(error);
    if (taken) return { ok: false, fieldErrors: taken };
    throw error;
  }
}

export interface ArchiveCheck {
  allowed: boolean;
  /** Devices still on the site (in service or decommissioned), which block archiving. */
  devicesOnSite: number;
}

export async function archiveCheck(actor: Actor, id: number): Promise<ArchiveCheck> {
  await getSiteRecord(actor, id);
  const devicesOnSite = await db().device.count({ where: { siteId: id, lifecycle: { in: ["IN_SERVICE", "DECOMMISSIONED"] } } });
  return { allowed: devicesOnSite === 0, devicesOnSite };
}

export function archiveRefusal(devicesOnSite: number): string {
  return devicesOnSite === 1
    ? "This site cannot be archived because 1 device is still on it (in service or decommissioned). Record its removal or move it to another site first."
    : `This site cannot be archived because ${devicesOnSite} devices are still on it (in service or decommissioned). Record their removal or move them to another site first.`;
}

/** Archive, never delete: the site's history and removed devices remain as evidence. */
export async function archiveSite(actor: Actor, id: number, input: ArchiveSiteInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  const today = todayInLondon();
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const site = await siteForChange(tx, actor, id, input.version);
    if (site.archivedAt) return { ok: false, fieldErrors: { form: "This site is already archived" } };
    const devicesOnSite = await tx.device.count({ where: { siteId: id, lifecycle: { in: ["IN_SERVICE", "DECOMMISSIONED"] } } });
    if (devicesOnSite > 0) return { ok: false, fieldErrors: { form: archiveRefusal(devicesOnSite) } };
    const now = new Date();
    const updated = await tx.site.updateMany({ where: { id, version: site.version }, data: { archivedAt: now, version: { increment: 1 } } });
    if (updated.count !== 1) throw conflict(SITE_STALE_MESSAGE);
    await recordAudit(tx, actor, {
      action: "site.archived",
      entityType: "site",
      entityId: String(id),
      organisationId: site.organisationId,
      summary: `Archived the site ${site.name} (${site.siteCode})`,
      before: { archivedAt: null },
      after: { archivedAt: now.toISOString() },
    });
    // Archived sites leave the organisation's counts.
    await reevaluate(tx, { siteIds: [id] }, today);
    return { ok: true, value: { id } };
  });
}
