import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { isoDateOf } from "@/lib/data/date-codec";
import { findingsOf } from "@/lib/data/findings-codec";
import { assertCanRead, organisationScope } from "@/lib/data/scope";
import type { SiteDeviceCounts, SiteDeviceRow } from "@/lib/types/site-devices";
import { DEVICE_STATUSES, type DeviceStatusValue, type SiteDevicesQuery } from "@/lib/validation/site-page-query";

// A site's devices as its page lists them: what needs action first (breach, then action due, then
// the rest in the order of DEVICE_STATUSES, devices not yet evaluated last), a page at a time,
// optionally one status only; and how many there are of each status, counted with the same join
// as the list, so a count and the list it links to always agree.

export const SITE_DEVICES_PER_PAGE = 10;

export interface SiteDevicePage {
  rows: SiteDeviceRow[];
  counts: SiteDeviceCounts;
  /** Devices that match the filter. */
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
}

/** Devices of the site by stored status; an id outside the actor's organisations is NOT_FOUND. */
export async function countSiteDevices(actor: Actor, siteId: number): Promise<SiteDeviceCounts> {
  assertCanRead(actor);
  const site = await db().site.findFirst({ where: { id: siteId, ...organisationScope(actor) }, select: { id: true } });
  if (!site) throw notFound("Site");
  const rows = await db().$queryRaw<{ status: DeviceStatusValue | null; n: number }[]>(Prisma.sql`
    SELECT dc.status::text AS status, count(*)::int AS n
    FROM devices d LEFT JOIN device_compliance dc ON dc.device_id = d.id
    WHERE d.site_id = ${siteId}
    GROUP BY dc.status`);
  const byStatus = Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])) as Record<DeviceStatusValue, number>;
  let notEvaluated = 0;
  let all = 0;
  for (const r of rows) {
    all += r.n;
    if (r.status === null) notEvaluated += r.n;
    else byStatus[r.status] = r.n;
  }
  return { all, byStatus, notEvaluated };
}

export async function listSiteDevices(actor: Actor, siteId: number, query: SiteDevicesQuery): Promise<SiteDevicePage> {
  const counts = await countSiteDevices(actor, siteId);
  const total = query.status ? counts.byStatus[query.status] : counts.all;
  const pageCount = Math.max(1, Math.ceil(total / SITE_DEVICES_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const devices = await db().device.findMany({
    where: { siteId, ...(query.status ? { compliance: { is: { status: query.status } } } : {}) },
    // The status enum is declared worst first, and PostgreSQL sorts a missing result (not yet
    // evaluated) after every status; the id settles ties so that paging is stable.
    orderBy: [{ compliance: { status: "asc" } }, { lifecycle: "asc" }, { kind: "asc" }, { brand: "asc" }, { id: "asc" }],
    skip: (page - 1) * SITE_DEVICES_PER_PAGE,
    take: SITE_DEVICES_PER_PAGE,
    select: {
      id: true,
      kind: true,
      brand: true,
      model: true,
      systemId: true,
      system: { select: { name: true } },
      installedOn: true,
      network: true,
      lifecycle: true,
      compliance: { select: { status: true, findings: true } },
    },
  });
  return {
    rows: devices.map((d) => ({
      id: d.id,
      kind: d.kind,
      brand: d.brand,
      model: d.model,
      systemId: d.systemId,
      systemName: d.system?.name ?? null,
      installedOn: isoDateOf(d.installedOn),
      network: d.network,
      lifecycle: d.lifecycle,
      status: d.compliance?.status ?? null,
      findings: findingsOf(d.compliance?.findings),
    })),
    counts,
    total,
    page,
    pageCount,
    perPage: SITE_DEVICES_PER_PAGE,
  };
}
