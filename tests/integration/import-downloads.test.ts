// The register downloads on the sites list and organisation pages (GET /api/export/register):
// everyone who may read the register gets the devices of their own scope, and nothing beyond it.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { exportRegister } from "@/lib/data/exports";
import { EXPORT_COLUMNS, registerCsvStream, registerXlsxStream } from "@/lib/export/register";

let viewer: Actor;
let ho: { id: number; acronym: string };
let moj: { id: number; acronym: string };

beforeAll(async () => {
  viewer = await actorFor("viewer@ho.example.gov.uk");
  ho = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true, acronym: true } });
  moj = await testDb().organisation.findFirstOrThrow({ where: { acronym: { in: ["MOJ", "MoJ"] } }, select: { id: true, acronym: true } });
});

/** What the download must hold: the devices of these organisations on sites not archived. */
async function devicesOf(organisationIds: number[]): Promise<number> {
  const [row] = await testDb().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM devices d JOIN sites s ON s.id = d.site_id AND s.archived_at IS NULL WHERE d.organisation_id = ANY($1::int[])`,
    organisationIds,
  );
  return row!.n;
}

async function csvRows(actor: Actor, organisationId: number | null): Promise<Record<string, string>[]> {
  const { pages } = await exportRegister(actor, organisationId, "csv");
  const text = await new Response(registerCsvStream(pages)).text();
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

describe("register downloads", () => {
  it("give a viewer their organisation's register as CSV and XLSX, every device once", async () => {
    const expected = await devicesOf([ho.id]);
    expect(expected).toBeGreaterThan(0);
    const rows = await csvRows(viewer, ho.id);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.organisation))).toEqual(new Set([ho.acronym]));

    const { label, pages } = await exportRegister(viewer, ho.id, "xlsx");
    expect(label).toBe(ho.acronym);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await new Response(registerXlsxStream(pages, "Camera register HO")).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(expected + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_COLUMNS]);
    // Printed, every page says how the file must be handled.
    expect(sheet.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
    expect(sheet.headerFooter.oddFooter).toContain("OFFICIAL-SENSITIVE");
  });

  it("give a viewer every organisation in their scope when none is chosen, and no other", async () => {
    if (viewer.scope.all) throw new Error("the HO viewer should see HO's organisations only");
    const rows = await csvRows(viewer, null);
    expect(rows).toHaveLength(await devicesOf(viewer.scope.organisationIds));
    const acronyms = await testDb().organisation.findMany({ where: { id: { in: viewer.scope.organisationIds } }, select: { acronym: true } });
    expect(new Set(rows.map((r) => r.organisation))).toEqual(new Set(acronyms.map((a) => a.acronym)));
  });

  it("answer not found for another department's register, and record each download", async () => {
    await expect(exportRegister(viewer, moj.id, "csv")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    const before = await testDb().auditEvent.count({ where: { action: "register.export", actorId: viewer.id } });
    await csvRows(viewer, ho.id);
    expect(await testDb().auditEvent.count({ where: { action: "register.export", actorId: viewer.id } })).toBe(before + 1);
  });

  it("give the Cabinet Office any department's register, and the minister's office none", async () => {
    const analyst = await actorFor("analyst@cabinetoffice.example.gov.uk");
    expect(await csvRows(analyst, moj.id)).toHaveLength(await devicesOf([moj.id]));
    const minister = await actorFor("private.office@minister.example.gov.uk");
    await expect(exportRegister(minister, ho.id, "csv")).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(exportRegister(minister, null, "xlsx")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
