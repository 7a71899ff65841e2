import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { assessDiscoveredHost, type DeviceStatus, type SiteFacts } from "@/lib/compliance";
import { loadPolicy } from "@/lib/data/evaluation";
import { assertCanRead } from "@/lib/data/scope";
import { db } from "@/lib/db";
import type { DiscoveredService, DiscoveryFileProblem } from "@/lib/discovery/types";
import type { HostRow, NotSeenRow, ScanSummary } from "@/lib/discovery/view-types";

export type { HostRow, NotSeenRow, ScanSummary };

// What the discovery pages show, scoped like the register: an organisation's own users and the
// Cabinet Office see scans and hosts; the minister's office sees only the per-department counts
// in the figures (discoveryFindingsByOrganisation), never a host or a site.

export const HOSTS_PER_PAGE = 50;

export const HOST_VIEWS = ["probable", "unrecorded", "matched", "not-seen", "dismissed"] as const;
export type HostView = (typeof HOST_VIEWS)[number];

export interface ScanDetail extends ScanSummary {
  command: string | null;
  discarded: string[];
  problems: DiscoveryFileProblem[];
  notSeen: number;
  view: HostView;
  page: number;
  pages: number;
  hostRows: HostRow[];
  notSeenRows: NotSeenRow[];
}

interface ScanRow {
  id: number;
  organisation: string;
  organisation_id: number;
  filename: string;
  source: "NMAP" | "VMS";
  state: ScanSummary["state"];
  scanned_at: Date;
  uploaded_at: Date;
  uploaded_by: string | null;
  site_ids: number[];
  host_count: number;
  matched: number;
  unrecorded: number;
  listed: number;
  other_hosts: number;
  probable: number;
  dismissed: number;
  problem_count: number;
  command: string | null;
  discarded: string[] | null;
  problems: DiscoveryFileProblem[] | null;
}

const SCAN_SQL = `
  SELECT sc.id, o.acronym AS organisation, sc.organisation_id, sc.filename, sc.source::text AS source, sc.state::text AS state,
         sc.scanned_at, sc.uploaded_at, u.name AS uploaded_by, sc.site_ids, sc.host_count, sc.problem_count, sc.command, sc.discarded, sc.problems,
         COALESCE(c.matched, 0) AS matched, sc.host_count - COALESCE(c.matched, 0) AS unrecorded, COALESCE(c.listed, 0) AS listed,
         sc.host_count - COALESCE(c.stored, 0) AS other_hosts, COALESCE(c.probable, 0) AS probable, COALESCE(c.dismissed, 0) AS dismissed
  FROM discovery_scans sc
  JOIN organisations o ON o.id = sc.organisation_id
  LEFT JOIN users u ON u.id = sc.user_id
  LEFT JOIN LATERAL (
    SELECT count(h.device_id)::int AS matched, count(*)::int AS stored,
           count(*) FILTER (WHERE h.device_id IS NULL AND h.action IS NULL)::int AS listed,
           count(*) FILTER (WHERE h.device_id IS NULL AND h.probable_producer IS NOT NULL AND h.action IS NULL)::int AS probable,
           count(*) FILTER (WHERE h.action = 'DISMISSED')::int AS dismissed
    FROM discovered_hosts h WHERE h.scan_id = sc.id
  ) c ON true`;

async function siteNames(ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().site.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(row: ScanRow, names: Map<number, string>): ScanSummary {
  return {
    id: row.id,
    organisation: row.organisation,
    filename: row.filename,
    source: row.source,
    state: row.state,
    scannedAt: row.scanned_at,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by ?? "someone no longer registered",
    sites: row.site_ids.map((id) => ({ id, name: names.get(id) ?? "an archived site" })),
    hosts: row.host_count,
    matched: row.matched,
    unrecorded: row.unrecorded,
    listedUnrecorded: row.listed,
    otherHosts: row.other_hosts,
    probableCovered: row.probable,
    dismissed: row.dismissed,
    problemCount: row.problem_count,
  };
}

/** The scans and camera lists of the organisations the actor may see, newest first. */
export async function listDiscoveryScans(actor: Actor, limit = 50): Promise<ScanSummary[]> {
  assertCanRead(actor);
  const rows = await db().$queryRawUnsafe<ScanRow[]>(
    `${SCAN_SQL} WHERE ($1::boolean OR sc.organisation_id = ANY($2::int[])) ORDER BY sc.uploaded_at DESC, sc.id DESC LIMIT $3`,
    actor.scope.all, actor.scope.all ? [] : actor.scope.organisationIds, limit,
  );
  const names = await siteNames([...new Set(rows.flatMap((r) => r.site_ids))]);
  return rows.map((r) => summaryOf(r, names));
}

interface HostDbRow {
  id: number;
  line: number;
  site_id: number;
  site_name: string;
  ipv4: string | null;
  ipv6: string | null;
  mac: string | null;
  mac_vendor: string | null;
  hostnames: string[];
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  services: DiscoveredService[];
  os_guess: string | null;
  probable_producer: string | null;
  reasons: string[];
  device_id: number | null;
  device_label: string | null;
  device_status: string | null;
  matched_by: HostRow["matchedBy"];
  differences: string[];
  action: HostRow["action"];
  action_reason: string | null;
  acted_at: Date | null;
  current: boolean;
  sensitivity: SiteFacts["sensitivity"];
  sensitive_since: string | null;
  controls_extended: boolean;
}

const VIEW_FILTER: Record<Exclude<HostView, "not-seen">, string> = {
  probable: "h.device_id IS NULL AND h.probable_producer IS NOT NULL AND h.action IS NULL",
  unrecorded: "h.device_id IS NULL AND h.action IS NULL",
  matched: "h.device_id IS NOT NULL",
  dismissed: "h.action = 'DISMISSED'",
};

/** The site facts a host's finding depends on, as the device rules read them. */
function siteFactsOf(r: Pick<HostDbRow, "sensitivity" | "sensitive_since" | "controls_extended">): SiteFacts {
  return { sensitivity: r.sensitivity, sensitiveSince: r.sensitive_since, controlsExtended: r.controls_extended };
}

function hostRowOf(r: HostDbRow, policy: Awaited<ReturnType<typeof loadPolicy>>): HostRow {
  const probable = r.probable_producer === null ? null : { producerName: r.probable_producer, producerId: null, reasons: r.reasons };
  return {
    id: r.id,
    line: r.line,
    siteId: r.site_id,
    siteName: r.site_name,
    address: r.ipv4 ?? r.ipv6,
    mac: r.mac,
    macVendor: r.mac_vendor,
    hostnames: r.hostnames,
    name: r.name,
    manufacturer: r.manufacturer,
    model: r.model,
    serial: r.serial,
    firmware: r.firmware,
    services: r.services,
    osGuess: r.os_guess,
    probableProducer: r.probable_producer,
    reasons: r.reasons,
    device: r.device_id === null ? null : { id: r.device_id, label: r.device_label ?? `Device ${r.device_id}`, status: r.device_status },
    matchedBy: r.matched_by,
    differences: r.differences,
    action: r.action,
    actionReason: r.action_reason,
    actedAt: r.acted_at,
    current: r.current,
    finding: assessDiscoveredHost(
      { probable, recorded: r.device_id !== null, dismissed: r.action === "DISMISSED", site: siteFactsOf(r) },
      policy,
    ),
  };
}

export const HOST_SQL = `
  SELECT h.id, h.line, h.site_id, s.name AS site_name, h.ipv4, h.ipv6, h.mac, h.mac_vendor, h.hostnames, h.name, h.manufacturer,
         h.model, h.serial, h.firmware, h.services, h.os_guess, h.probable_producer, h.reasons, h.device_id,
         CASE WHEN d.id IS NULL THEN NULL ELSE d.brand || COALESCE(' ' || d.model, '') || ' (' || COALESCE(d.asset_tag, d.serial, d.mac, '#' || d.id) || ')' END AS device_label,
         dc.status::text AS device_status, h.matched_by::text AS matched_by, h.differences, h.action::text AS action, h.action_reason,
         h.acted_at, h.current, s.sensitivity::text AS sensitivity, s.sensitive_since::text AS sensitive_since, s.controls_extended
  FROM discovered_hosts h
  JOIN sites s ON s.id = h.site_id
  LEFT JOIN devices d ON d.id = h.device_id
  LEFT JOIN device_compliance dc ON dc.device_id = d.id`;

export function parseHostView(value: unknown): HostView {
  return (HOST_VIEWS as readonly unknown[]).includes(value) ? (value as HostView) : "probable";
}

/** One scan with one page of one of its lists (404 outside the actor's organisations). */
export async function getDiscoveryScan(actor: Actor, scanId: number, view: HostView = "probable", page = 1): Promise<ScanDetail> {
  assertCanRead(actor);
  const rows = await db().$queryRawUnsafe<ScanRow[]>(`${SCAN_SQL} WHERE sc.id = $1`, scanId);
  const row = rows[0];
  if (!row || !inScope(actor, row.organisation_id)) throw notFound("Scan");
  const names = await siteNames(row.site_ids);
  const summary = summaryOf(row, names);
  const notSeenWhere = `d.site_id = ANY($1::int[]) AND d.lifecycle <> 'REMOVED'
       AND NOT EXISTS (SELECT 1 FROM discovered_hosts h WHERE h.scan_id = $2 AND h.device_id = d.id)`;
  const notSeen = row.state === "RECONCILED"
    ? (await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM devices d WHERE ${notSeenWhere}`, row.site_ids, scanId))[0]!.n
    : 0;
  const total = view === "not-seen" ? notSeen
    : view === "probable" ? summary.probableCovered
      : view === "unrecorded" ? summary.listedUnrecorded
        : view === "matched" ? summary.matched : summary.dismissed;
  const pages = Math.max(1, Math.ceil(Math.max(total, 0) / HOSTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const offset = (current - 1) * HOSTS_PER_PAGE;
  let hostRows: HostRow[] = [];
  let notSeenRows: NotSeenRow[] = [];
  if (row.state === "RECONCILED" && view === "not-seen") {
    const list = await db().$queryRawUnsafe<{ id: number; label: string; site_name: string; mac: string | null; ip: string | null; last_seen_at: Date | null; status: string | null }[]>(
      `SELECT d.id, d.brand || COALESCE(' ' || d.model, '') || ' (' || COALESCE(d.asset_tag, d.serial, d.mac, '#' || d.id) || ')' AS label,
              s.name AS site_name, d.mac, d.ip, d.last_seen_at, dc.status::text AS status
       FROM devices d JOIN sites s ON s.id = d.site_id LEFT JOIN device_compliance dc ON dc.device_id = d.id
       WHERE ${notSeenWhere} ORDER BY s.name, d.id LIMIT $3 OFFSET $4`,
      row.site_ids, scanId, HOSTS_PER_PAGE, offset,
    );
    notSeenRows = list.map((d) => ({ id: d.id, label: d.label, siteName: d.site_name, mac: d.mac, ip: d.ip, lastSeenAt: d.last_seen_at, status: d.status }));
  } else if (row.state === "RECONCILED") {
    const policy = await loadPolicy(db());
    const list = await db().$queryRawUnsafe<HostDbRow[]>(
      `${HOST_SQL} WHERE h.scan_id = $1 AND ${VIEW_FILTER[view as Exclude<HostView, "not-seen">]} ORDER BY h.line, h.id LIMIT $2 OFFSET $3`,
      scanId, HOSTS_PER_PAGE, offset,
    );
    hostRows = list.map((r) => hostRowOf(r, policy));
  }
  return {
    ...summary,
    command: row.command,
    discarded: row.discarded ?? [],
    problems: row.problems ?? [],
    notSeen,
    view,
    page: current,
    pages,
    hostRows,
    notSeenRows,
  };
}

/** Hosts of a scan by id, for the review before adding them (only unrecorded, undismissed ones). */
export async function getHostsToAdd(actor: Actor, scanId: number, hostIds: readonly number[]): Promise<{ scan: ScanSummary; hosts: HostRow[] }> {
  const scan = await getDiscoveryScan(actor, scanId, "probable", 1);
  const policy = await loadPolicy(db());
  const list = await db().$queryRawUnsafe<HostDbRow[]>(
    `${HOST_SQL} WHERE h.scan_id = $1 AND h.id = ANY($2::int[]) AND ${VIEW_FILTER.unrecorded} ORDER BY h.line, h.id`,
    scanId, [...hostIds],
  );
  return { scan, hosts: list.map((r) => hostRowOf(r, policy)) };
}

export interface DiscoveryOrganisationFigures {
  organisationId: number;
  /** Probable covered equipment on the network but not in the register, by the latest scan of each site. */
  probableUnrecorded: number;
  /** The worst status of those findings. */
  worst: DeviceStatus | null;
}

/**
 * Per department: the discovery rule's findings on the current hosts of each site (the latest
 * scan covering it). Aggregates only, so every role that sees the figures may see these.
 */
export async function discoveryFindingsByOrganisation(organisationIds: readonly number[] | null): Promise<Map<number, DiscoveryOrganisationFigures>> {
  const rows = await db().$queryRawUnsafe<(Pick<HostDbRow, "sensitivity" | "sensitive_since" | "controls_extended" | "probable_producer"> & { organisation_id: number; n: number })[]>(
    `SELECT h.organisation_id, h.probable_producer, s.sensitivity::text AS sensitivity, s.sensitive_since::text AS sensitive_since,
            s.controls_extended, count(*)::int AS n
     FROM discovered_hosts h JOIN sites s ON s.id = h.site_id
     WHERE h.current AND h.device_id IS NULL AND h.action IS NULL AND h.probable_producer IS NOT NULL
       AND s.archived_at IS NULL AND ($1::int[] IS NULL OR h.organisation_id = ANY($1::int[]))
     GROUP BY 1, 2, 3, 4, 5`,
    organisationIds === null ? null : [...organisationIds],
  );
  const policy = rows.length > 0 ? await loadPolicy(db()) : null;
  const out = new Map<number, DiscoveryOrganisationFigures>();
  const rank: Record<DeviceStatus, number> = { BREACH: 0, ACTION_DUE: 1, UNVERIFIED: 2, ADVISORY: 3, COMPLIANT: 4, REMOVED: 5 };
  for (const r of rows) {
    const finding = assessDiscoveredHost(
      { probable: { producerName: r.probable_producer!, producerId: null, reasons: [] }, recorded: false, dismissed: false, site: siteFactsOf(r) },
      policy!,
    );
    if (finding === null) continue;
    const entry = out.get(r.organisation_id) ?? { organisationId: r.organisation_id, probableUnrecorded: 0, worst: null };
    entry.probableUnrecorded += r.n;
    if (entry.worst === null || rank[finding.status] < rank[entry.worst]) entry.worst = finding.status;
    out.set(r.organisation_id, entry);
  }
  return out;
}
