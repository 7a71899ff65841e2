import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { SITE_DEVICES_PER_PAGE, countSiteDevices, listSiteDevices } from "@/lib/data/site-devices";
import { MOVE_TARGETS_PER_PAGE, searchMoveTargets } from "@/lib/data/site-search";
import { archiveSite, createSite } from "@/lib/data/sites";
import type { SiteDeviceRow } from "@/lib/types/site-devices";
import { archiveSiteSchema, siteFormSchema } from "@/lib/validation/site";
import { DEVICE_STATUSES, moveTargetQuerySchema, siteDevicesQuerySchema, type DeviceStatusValue } from "@/lib/validation/site-page-query";

const EDITOR = "editor@ho.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";
const VIEWER = "viewer@ho.example.gov.uk";

async function orgId(acronym: string): Promise<number> {
  return (await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } })).id;
}

/** The Home Office site whose devices have the most different statuses (the demo data has several). */
async function mixedSite(): Promise<number> {
  const [row] = await testDb().$queryRaw<{ site_id: number }[]>`
    SELECT d.site_id FROM devices d
    JOIN sites s ON s.id = d.site_id JOIN organisations o ON o.id = s.organisation_id
    LEFT JOIN device_compliance dc ON dc.device_id = d.id
    WHERE o.acronym = 'HO' AND s.archived_at IS NULL
    GROUP BY d.site_id
    HAVING count(*) > ${SITE_DEVICES_PER_PAGE * 2}
    ORDER BY count(DISTINCT dc.status) DESC, count(*) DESC, d.site_id
    LIMIT 1`;
  if (!row) throw new Error("no Home Office site with devices of several statuses");
  return row.site_id;
}

async function everyPage(email: string, siteId: number, status: DeviceStatusValue | null): Promise<SiteDeviceRow[]> {
  const actor = await actorFor(email);
  const rows: SiteDeviceRow[] = [];
  for (let page = 1; ; page++) {
    const list = await listSiteDevices(actor, siteId, { status, page });
    expect(list.page).toBe(page);
    rows.push(...list.rows);
    if (page >= list.pageCount) return rows;
  }
}

const rank = (status: SiteDeviceRow["status"]) => (status === null ? DEVICE_STATUSES.length : DEVICE_STATUSES.indexOf(status));

describe("a site's page: its devices", () => {
  it("lists devices in breach first, then action due, then the rest, in an order that holds page after page", async () => {
    const siteId = await mixedSite();
    const rows = await everyPage(EDITOR, siteId, null);
    const counts = await countSiteDevices(await actorFor(EDITOR), siteId);
    expect(rows).toHaveLength(counts.all);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThan(2);

    const ranks = rows.map((r) => rank(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows[0]!.status).toBe(counts.byStatus.BREACH > 0 ? "BREACH" : counts.byStatus.ACTION_DUE > 0 ? "ACTION_DUE" : rows[0]!.status);
    // Within a status: in service before decommissioned before removed, then by kind; the brand
    // (in the database's collation) and the id settle the rest.
    const key = (r: SiteDeviceRow) => [rank(r.status), ["IN_SERVICE", "DECOMMISSIONED", "REMOVED"].indexOf(r.lifecycle), ["CAMERA", "RECORDER", "ENCODER", "OTHER"].indexOf(r.kind)];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
      const at = a.findIndex((v, k) => v !== b[k]);
      if (at >= 0) expect(a[at]! < b[at]!, `rows ${i - 1} and ${i}`).toBe(true);
      else if (rows[i - 1]!.brand === rows[i]!.brand) expect(rows[i - 1]!.id < rows[i]!.id, `rows ${i - 1} and ${i}`).toBe(true);
    }
    // The same order on a second reading: paging is stable.
    expect((await everyPage(EDITOR, siteId, null)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("counts as many devices of each status as the list filtered to that status shows", async () => {
    const siteId = await mixedSite();
    const counts = await countSiteDevices(await actorFor(EDITOR), siteId);
    let sum = counts.notEvaluated;
    for (const status of DEVICE_STATUSES) {
      const rows = await everyPage(EDITOR, siteId, status);
      expect(rows, status).toHaveLength(counts.byStatus[status]);
      expect(rows.every((r) => r.status === status), status).toBe(true);
      sum += counts.byStatus[status];
    }
    expect(sum).toBe(counts.all);
    // And as the stored site roll-up says, so the status at the top of the page agrees with them.
    const rollUp = await testDb().siteCompliance.findUniqueOrThrow({ where: { siteId }, select: { breach: true, actionDue: true, devices: true } });
    expect([counts.byStatus.BREACH, counts.byStatus.ACTION_DUE, counts.all]).toEqual([rollUp.breach, rollUp.actionDue, rollUp.devices]);
  });

  it("shows the last page for a page number past the end, and every device for a status it does not know", async () => {
    const siteId = await mixedSite();
    const editor = await actorFor(EDITOR);
    const query = siteDevicesQuerySchema.parse({ status: "BREACH'; DROP TABLE devices; --", page: "99999999999" });
    expect(query).toEqual({ status: null, page: 100_000 });
    const list = await listSiteDevices(editor, siteId, query);
    expect(list.page).toBe(list.pageCount);
    expect(list.total).toBe((await countSiteDevices(editor, siteId)).all);
    expect(siteDevicesQuerySchema.parse({ status: ["ACTION_DUE", "BREACH"], page: ["2", "3"] })).toEqual({ status: "ACTION_DUE", page: 2 });
    expect(siteDevicesQuerySchema.parse({ status: "breach", page: "-1" })).toEqual({ status: null, page: 1 });
  });

  it("answers a site outside the actor's organisations as not found, and lets a viewer of its organisation read it", async () => {
    const siteId = await mixedSite();
    const mojEditor = await actorFor(MOJ_EDITOR);
    for (const call of [() => listSiteDevices(mojEditor, siteId, { status: null, page: 1 }), () => countSiteDevices(mojEditor, siteId)]) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
    const viewer = await listSiteDevices(await actorFor(VIEWER), siteId, { status: null, page: 1 });
    expect(viewer.rows.length).toBeGreaterThan(0);
  });
});

describe("moving a device: finding the site", () => {
  async function hoSites(): Promise<{ id: number; name: string; siteCode: string; town: string }[]> {
    return testDb().site.findMany({
      where: { organisationId: await orgId("HO"), archivedAt: null },
      select: { id: true, name: true, siteCode: true, town: true },
      orderBy: { id: "asc" },
    });
  }

  it("offers every active site of the actor's organisations but the device's own, a page at a time", async () => {
    const editor = await actorFor(EDITOR);
    const sites = await hoSites();
    const here = sites[0]!.id;
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const found = await searchMoveTargets(editor, here, { q: "", page });
      expect(found.rows.length).toBeLessThanOrEqual(MOVE_TARGETS_PER_PAGE);
      seen.push(...found.rows.map((r) => r.id));
      if (page >= found.pageCount) {
        expect(found.total).toBe(sites.length - 1);
        break;
      }
    }
    expect(seen.sort((a, b) => a - b)).toEqual(sites.slice(1).map((s) => s.id));
  });

  it("never offers an archived site", async () => {
    const editor = await actorFor(EDITOR);
    const created = await createSite(
      editor,
      siteFormSchema.parse({
        organisationId: String(await orgId("HO")),
        name: "Quillfeather Annexe",
        siteCode: `Q-${Date.now().toString(36).toUpperCase()}`,
        addressLine1: "1 Test Street",
        town: "Croydon",
        postcode: "CR0 2EU",
        sensitivity: "NOT_SENSITIVE",
      }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    const here = (await hoSites())[0]!.id;
    expect((await searchMoveTargets(editor, here, { q: "Quillfeather", page: 1 })).rows.map((r) => r.id)).toEqual([created.value.id]);
    const archived = await archiveSite(editor, created.value.id, archiveSiteSchema.parse({ version: "1", confirm: "yes" }));
    expect(archived.ok).toBe(true);
    expect((await searchMoveTargets(editor, here, { q: "Quillfeather", page: 1 })).total).toBe(0);
  });

  it("matches every word typed against the name, code, town or postcode", async () => {
    const editor = await actorFor(EDITOR);
    const [here, target] = await hoSites();
    const byCode = await searchMoveTargets(editor, here!.id, { q: target!.siteCode.toLowerCase(), page: 1 });
    expect(byCode.rows.map((r) => r.id)).toEqual([target!.id]);
    expect(byCode.rows[0]!.label).toBe(`${target!.name} (${target!.siteCode}, HO)`);
    const twoWords = await searchMoveTargets(editor, here!.id, { q: `${target!.town.toUpperCase()} ${target!.name.split(" ").at(-1)}`, page: 1 });
    expect(twoWords.rows.map((r) => r.id)).toContain(target!.id);
    expect(twoWords.rows.every((r) => r.place.toLowerCase().includes(target!.town.toLowerCase()) || r.label.toLowerCase().includes(target!.town.toLowerCase()))).toBe(true);
    expect((await searchMoveTargets(editor, here!.id, { q: "no such site anywhere", page: 1 })).total).toBe(0);
  });

  it("finds nothing in another organisation's sites, whatever is typed", async () => {
    const [hoSite] = await hoSites();
    const mojEditor = await actorFor(MOJ_EDITOR);
    if (mojEditor.scope.all) throw new Error("the MoJ editor should see some organisations only");
    const mojSite = await testDb().site.findFirstOrThrow({ where: { organisationId: { in: mojEditor.scope.organisationIds }, archivedAt: null }, select: { id: true } });
    expect((await searchMoveTargets(mojEditor, mojSite.id, { q: hoSite!.siteCode, page: 1 })).total).toBe(0);
    const mine = await searchMoveTargets(mojEditor, mojSite.id, { q: "", page: 1 });
    const orgs = await testDb().site.findMany({ where: { id: { in: mine.rows.map((r) => r.id) } }, select: { organisation: { select: { acronym: true } } } });
    expect(new Set(orgs.map((o) => o.organisation.acronym))).not.toContain("HO");
    expect(mine.total).toBeGreaterThan(0);
  });

  it("reads a hostile query as plain words", async () => {
    const editor = await actorFor(EDITOR);
    const query = moveTargetQuerySchema.parse({ q: `\u0000%' OR 1=1 --${"x".repeat(10_000)}`, page: "1e9" });
    expect(query.q.length).toBeLessThanOrEqual(100);
    expect(query.q).not.toContain("\u0000");
    expect(query.page).toBe(100_000);
    const [here] = await hoSites();
    expect((await searchMoveTargets(editor, here!.id, query)).total).toBe(0);
    // LIKE's wildcards are searched for as themselves, not as "anything".
    for (const q of ["%", "_", "\\"]) expect((await searchMoveTargets(editor, here!.id, moveTargetQuerySchema.parse({ q, page: "1" }))).total, q).toBe(0);
  });
});
