import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/data/audit";
import { db } from "@/lib/db";
import type { RegisterExportRow } from "@/lib/export/register";

const PAGE = 5_000;

const ROWS_SQL = `
  SELECT d.id, o.acronym AS organisation, s.site_code, s.epims_id, s.name AS site_name, s.address_line1, s.town,
    s.postcode, s.sensitivity::text AS sensitivity, s.holds_secret_material, s.hosts_dv_staff, s.used_by_ministers,
    s.socpa_designated, s.controls_extended, s.sensitive_since::text AS sensitive_since, cs.name AS system,
    d.kind::text AS kind, d.brand, d.model, d.serial, d.asset_tag, d.mac, d.ip, d.installed_on::text AS installed_on,
    d.network::text AS network, d.vendor_cloud, d.lifecycle::text AS lifecycle,
    d.decommissioned_on::text AS decommissioned_on, d.removed_on::text AS removed_on, d.removal_evidence, d.notes,
    dc.status::text AS status, dc.producer_name, dc.findings, dc.evaluated_on::text AS evaluated_on
  FROM devices d
  JOIN sites s ON s.id = d.site_id AND s.archived_at IS NULL
  JOIN organisations o ON o.id = d.organisation_id
  LEFT JOIN camera_systems cs ON cs.id = d.system_id
  LEFT JOIN device_compliance dc ON dc.device_id = d.id
  WHERE d.id > $1 AND d.organisation_id = ANY($2::int[])
  ORDER BY d.id
  LIMIT ${PAGE}`;

export interface RegisterExport {
  /** For the file name: the organisation's acronym, or "all". */
  label: string;
  pages: AsyncGenerator<RegisterExportRow[]>;
}

/**
 * The devices of one organisation (or every organisation in scope), with their sites, statuses and
 * findings, a page at a time so a million-device register streams in constant memory.
 */
export async function exportRegister(actor: Actor, organisationId: number | null, format: "csv" | "xlsx"): Promise<RegisterExport> {
  // The minister's office sees every organisation's figures but no site or device.
  if (!can(actor.role, "register:export")) throw forbidden();
  let organisationIds: number[];
  let label = "all";
  if (organisationId !== null) {
    if (!inScope(actor, organisationId)) throw notFound("Organisation");
    const org = await db().organisation.findUnique({ where: { id: organisationId }, select: { id: true, acronym: true } });
    if (!org) throw notFound("Organisation");
    organisationIds = [org.id];
    label = org.acronym;
  } else if (actor.scope.all) {
    organisationIds = (await db().organisation.findMany({ select: { id: true } })).map((o) => o.id);
  } else {
    organisationIds = actor.scope.organisationIds;
  }
  // The register is OFFICIAL-SENSITIVE: every copy taken out of the service is on the record.
  await recordAudit(db(), actor, {
    action: "register.export",
    entityType: "register",
    entityId: label,
    organisationId,
    summary: `Exported the register of ${label === "all" ? "every organisation in scope" : label} as ${format.toUpperCase()}`,
  });
  async function* pages(): AsyncGenerator<RegisterExportRow[]> {
    let after = 0;
    for (;;) {
      const rows = await db().$queryRawUnsafe<RegisterExportRow[]>(ROWS_SQL, after, organisationIds);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  return { label, pages: pages() };
}
