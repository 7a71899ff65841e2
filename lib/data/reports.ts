import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { formatLongDate } from "@/lib/compliance";
import { recordAudit } from "@/lib/data/audit";
import { getComplianceFigures, listSnapshotDates, type ComplianceFigures } from "@/lib/data/figures";
import { latestRoundStatuses } from "@/lib/data/returns";
import type { RoundStatuses } from "@/lib/returns/types";
import { buildCsv } from "@/lib/reports/build-csv";
import { figuresBasis } from "@/lib/reports/figures-basis";
import { buildPdf } from "@/lib/reports/build-pdf";
import { buildXlsx } from "@/lib/reports/build-xlsx";
import { CONTENT_TYPES, reportFilename, scopeLabel, type ReportFormat } from "@/lib/reports/format";
import { todayInLondon } from "@/lib/platform/today";

export interface ReportRequest {
  format: ReportFormat;
  /** A snapshot date, or null for the current figures. */
  asOf: string | null;
  /** A department (with its agencies); null for everything the actor may see. */
  organisationId: number | null;
}

export interface GeneratedReportFile {
  id: number;
  body: Buffer;
  filename: string;
  contentType: string;
  sha256: string;
}

export interface RecentReport {
  id: number;
  createdAt: string;
  userEmail: string;
  format: ReportFormat;
  scope: string;
  organisationId: number | null;
  asOf: string;
  sha256: string;
  bytes: number;
}

export interface ReportScopeOption {
  /** null: all government. */
  organisationId: number | null;
  label: string;
}

/**
 * A user who cannot see all of government reports on their own organisation (with its agencies),
 * whatever they ask for; the figures function then refuses anything outside their scope.
 */
function effectiveOrganisationId(actor: Actor, requested: number | null): number {
  if (requested !== null) return requested;
  if (actor.organisationId === null) throw notFound("Organisation");
  return actor.organisationId;
}

/**
 * The latest return round whose figures are as of the report's date or earlier, with the returns of
 * the departments the report covers.
 */
async function returnsForReport(actor: Actor, figures: ComplianceFigures): Promise<RoundStatuses | null> {
  const statuses = await latestRoundStatuses(actor, { asOf: figures.asOf || todayInLondon() });
  if (!statuses) return null;
  const covered = new Set(figures.organisations.map((o) => o.parentId ?? o.id));
  return { ...statuses, departments: statuses.departments.filter((d) => covered.has(d.organisationId)) };
}

/** Builds the report from the one source of figures and records it in the audit trail. */
export async function generateReport(actor: Actor, request: ReportRequest): Promise<GeneratedReportFile> {
  const organisationId = actor.scope.all ? request.organisationId : effectiveOrganisationId(actor, request.organisationId);
  const figures = await getComplianceFigures(actor, { asOf: request.asOf, organisationId });
  const asOf = figures.asOf || todayInLondon();
  const returns = await returnsForReport(actor, figures);
  const meta = { generatedBy: actor.name ? `${actor.name} (${actor.email})` : actor.email, generatedAt: new Date().toISOString(), returns };
  const body = request.format === "PDF"
    ? await buildPdf(figures, meta)
    : request.format === "XLSX"
      ? await buildXlsx(figures, meta)
      : Buffer.from(buildCsv(figures, returns), "utf8");
  const sha256 = createHash("sha256").update(body).digest("hex");
  const scope = scopeLabel(figures.scope, figures.organisations);
  const scopeOrganisationId = figures.scope.kind === "organisation" ? figures.scope.organisationId : null;
  const filename = reportFilename(figures.scope, asOf, request.format);

  const id = await db().$transaction(async (tx) => {
    const row = await tx.generatedReport.create({
      data: {
        userId: actor.id, userEmail: actor.email, format: request.format, scope, organisationId: scopeOrganisationId,
        asOf: new Date(`${asOf}T00:00:00Z`), sha256, bytes: body.length,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "report.generated",
      entityType: "report",
      entityId: String(row.id),
      organisationId: scopeOrganisationId,
      summary: `Generated a ${request.format} report: ${scope}, as of ${formatLongDate(asOf)} (${figuresBasis(figures)})`,
      after: { format: request.format, scope, organisationId: scopeOrganisationId, asOf, source: figures.source, sha256, bytes: body.length, filename },
    });
    return row.id;
  });
  return { id, body, filename, contentType: CONTENT_TYPES[request.format], sha256 };
}

/** Recent reports the actor may know about: all of them, or those on organisations in their scope. */
export async function listRecentReports(actor: Actor, limit = 20): Promise<RecentReport[]> {
  const rows = await db().generatedReport.findMany({
    where: actor.scope.all ? {} : { organisationId: { in: actor.scope.organisationIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, createdAt: true, userEmail: true, format: true, scope: true, organisationId: true, asOf: true, sha256: true, bytes: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), asOf: r.asOf.toISOString().slice(0, 10) }));
}

/** "Ministry of Justice (MOJ) with its agencies", or just the name for one without agencies. */
function scopeOptionLabel(o: { name: string; acronym: string; _count: { children: number } }): string {
  return `${o.name} (${o.acronym})${o._count.children > 0 ? " with its agencies" : ""}`;
}

/** What the reports page offers: the scopes the actor may choose and the snapshot dates. */
export async function reportChoices(actor: Actor): Promise<{ scopes: ReportScopeOption[]; snapshotDates: readonly string[] }> {
  let scopes: ReportScopeOption[];
  const select = { id: true, name: true, acronym: true, _count: { select: { children: true } } } as const;
  if (actor.scope.all) {
    const departments = await db().organisation.findMany({ where: { parentId: null }, orderBy: { name: "asc" }, select });
    scopes = [
      { organisationId: null, label: "All government" },
      ...departments.map((d) => ({ organisationId: d.id, label: scopeOptionLabel(d) })),
    ];
  } else {
    const own = actor.organisationId === null
      ? null
      : await db().organisation.findUnique({ where: { id: actor.organisationId }, select });
    scopes = own ? [{ organisationId: own.id, label: scopeOptionLabel(own) }] : [];
  }
  const snapshotDates = await listSnapshotDates(400);
  return { scopes, snapshotDates };
}
