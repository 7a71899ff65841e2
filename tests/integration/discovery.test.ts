import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { chooseColumns, getColumnChoice, uploadDiscoveryFile, type DiscoveryUpload } from "@/lib/data/discovery";
import { addHostsToRegister, dismissHost } from "@/lib/data/discovery-actions";
import { discoveryFindingsByOrganisation, getDiscoveryScan, listDiscoveryScans } from "@/lib/data/discovery-views";
import { computeComplianceFigures } from "@/lib/data/figures";
import { getDevice } from "@/lib/data/devices";

// The reconciliation end to end on the real database: the example nmap scan of a camera VLAN
// against a test site whose register knows two of its hosts (one by MAC, one by IP address) and a
// camera the scan did not see; then the actions, the refusals and the scoping.

const EXAMPLES = path.join(process.cwd(), "docs", "examples", "discovery");
const NMAP = readFileSync(path.join(EXAMPLES, "camera-subnet.nmap.xml"));
const MILESTONE = readFileSync(path.join(EXAMPLES, "milestone-xprotect-cameras.csv"));

let dataDir: string;
let editor: Actor;
let siteId: number;
let otherSiteId: number;
const device: Record<"axis" | "byIp" | "unseen", number> = { axis: 0, byIp: 0, unseen: 0 };

function upload(actor: Actor, over: Partial<DiscoveryUpload> = {}) {
  return uploadDiscoveryFile(actor, { organisationId: null, siteId, ranges: null, kind: "nmap", filename: "camera-subnet.nmap.xml", bytes: NMAP, ...over });
}

async function scanIdOf(outcome: Awaited<ReturnType<typeof upload>>): Promise<number> {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.scanId;
}

async function hostCount(scanId: number): Promise<number> {
  const rows = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM discovered_hosts WHERE scan_id = $1`, scanId);
  return rows[0]!.n;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-discovery-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
  const db = testDb();
  const ho = await db.organisation.findFirstOrThrow({ where: { acronym: "HO" } });
  const site = await db.site.create({
    data: {
      organisationId: ho.id, name: "Discovery Test House", siteCode: "DISC-T1", addressLine1: "1 Scan Street", town: "London",
      postcode: "SW1A 1AA", sensitivity: "SENSITIVE", holdsSecretMaterial: true,
    },
  });
  siteId = site.id;
  otherSiteId = (await db.site.create({
    data: { organisationId: ho.id, name: "Discovery Annexe", siteCode: "DISC-T2", addressLine1: "2 Scan Street", town: "London", postcode: "SW1A 1AB" },
  })).id;
  const base = { organisationId: ho.id, siteId, kind: "CAMERA" as const, network: "SEGREGATED" as const, installedOn: new Date("2019-06-01") };
  device.axis = (await db.device.create({ data: { ...base, brand: "Axis", model: "P3245-V", mac: "ACCC8E123456", ip: "10.20.30.4", assetTag: "DISC-AT-1" } })).id;
  device.byIp = (await db.device.create({ data: { ...base, brand: "Bosch", model: "FLEXIDOME 5100i", ip: "10.20.30.6", assetTag: "DISC-AT-2" } })).id;
  device.unseen = (await db.device.create({ data: { ...base, brand: "Avigilon", mac: "001885000001", ip: "10.20.30.20", assetTag: "DISC-AT-3" } })).id;
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("an nmap scan of a site", () => {
  let scanId: number;

  it("is reconciled: matched by MAC and by IP, unseen devices, and probable covered equipment with the rule's finding", async () => {
    scanId = await scanIdOf(await upload(editor));
    const scan = await getDiscoveryScan(editor, scanId, "probable");
    expect(scan.state).toBe("RECONCILED");
    expect({ hosts: scan.hosts, matched: scan.matched, unrecorded: scan.unrecorded, probable: scan.probableCovered, notSeen: scan.notSeen }).toEqual({
      hosts: 7, matched: 2, unrecorded: 5, probable: 3, notSeen: 1,
    });
    expect(scan.command).toContain("nmap");
    const probable = scan.hostRows.map((h) => [h.address, h.probableProducer, h.finding?.ruleId, h.finding?.status]);
    expect(probable).toEqual([
      ["10.20.30.2", "Hikvision", "N1-UNRECORDED-COVERED", "ACTION_DUE"],
      ["10.20.30.3", "Dahua", "N1-UNRECORDED-COVERED", "ACTION_DUE"],
      ["10.20.30.5", "Hikvision", "N1-UNRECORDED-COVERED", "ACTION_DUE"],
    ]);
    // The white-labelled camera's MAC is locally administered: its banner is the evidence.
    expect(scan.hostRows[2]!.reasons.join(" ")).toContain("HiLook");

    const matched = await getDiscoveryScan(editor, scanId, "matched");
    const byDevice = new Map(matched.hostRows.map((h) => [h.device?.id, h]));
    expect(byDevice.get(device.axis)?.matchedBy).toBe("MAC");
    expect(byDevice.get(device.axis)?.differences).toEqual([]);
    expect(byDevice.get(device.byIp)?.matchedBy).toBe("IP");
    expect(byDevice.get(device.byIp)?.differences.join(" ")).toContain("The file gives the MAC address 3C52827E19C4; the register has none.");

    const notSeen = await getDiscoveryScan(editor, scanId, "not-seen");
    expect(notSeen.notSeenRows.map((d) => d.id)).toEqual([device.unseen]);

    const seen = await getDevice(editor, device.axis);
    expect(seen.seen.lastSeenAt?.toISOString()).toBe(scan.scannedAt.toISOString());
    expect(seen.seen.lastSeenScanId).toBe(scanId);
    const unseen = await getDevice(editor, device.unseen);
    expect(unseen.seen.overdue).toEqual({ days: null });
  });

  it("counts in the department's figures, for every role that sees them, the minister's office included", async () => {
    const ho = await testDb().organisation.findFirstOrThrow({ where: { acronym: "HO" } });
    expect((await discoveryFindingsByOrganisation([ho.id])).get(ho.id)).toEqual({ organisationId: ho.id, probableUnrecorded: 3, worst: "ACTION_DUE" });
    for (const email of ["editor@ho.example.gov.uk", "analyst@cabinetoffice.example.gov.uk", "private.office@minister.example.gov.uk"]) {
      const figures = await computeComplianceFigures(await actorFor(email));
      expect(figures.organisations.find((o) => o.id === ho.id)?.probableUnrecorded).toBe(3);
    }
  });

  it("is visible to the organisation and the Cabinet Office only, never to the minister's office", async () => {
    const moj = await actorFor("editor@moj.example.gov.uk");
    await expect(getDiscoveryScan(moj, scanId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listDiscoveryScans(moj)).some((s) => s.id === scanId)).toBe(false);
    const analyst = await actorFor("analyst@cabinetoffice.example.gov.uk");
    expect((await getDiscoveryScan(analyst, scanId)).hosts).toBe(7);
    const minister = await actorFor("private.office@minister.example.gov.uk");
    await expect(getDiscoveryScan(minister, scanId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listDiscoveryScans(minister)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const viewer = await actorFor("viewer@ho.example.gov.uk");
    expect((await getDiscoveryScan(viewer, scanId)).hosts).toBe(7);
    await expect(upload(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dismissHost(viewer, scanId, { host: 1, reason: "Not a camera" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets an editor dismiss a host with a reason, once, audited, and carries the dismissal to the next scan", async () => {
    const unrecorded = await getDiscoveryScan(editor, scanId, "unrecorded");
    // Only camera-like hosts are kept and listed: the switch (.1), the scanner (.10) are counted.
    expect(unrecorded.hostRows.map((h) => h.address)).toEqual(["10.20.30.2", "10.20.30.3", "10.20.30.5"]);
    expect(unrecorded.otherHosts).toBe(2);
    const relabelled = unrecorded.hostRows.find((h) => h.address === "10.20.30.5")!;
    const done = await dismissHost(editor, scanId, { host: relabelled.id, reason: "The demonstration camera in the training room" });
    expect(done.ok).toBe(true);
    expect(await dismissHost(editor, scanId, { host: relabelled.id, reason: "Again" })).toMatchObject({ ok: false });
    const audit = await testDb().$queryRawUnsafe<{ summary: string }[]>(
      `SELECT summary FROM audit_events WHERE action = 'discovery.host-dismissed' AND entity_id = $1`, String(scanId),
    );
    expect(audit.map((a) => a.summary)).toEqual([`Dismissed the host 10.20.30.5 found by camera-subnet.nmap.xml: The demonstration camera in the training room`]);

    const next = await scanIdOf(await upload(editor));
    const dismissed = await getDiscoveryScan(editor, next, "dismissed");
    expect(dismissed.hostRows.map((h) => [h.address, h.actionReason])).toEqual([["10.20.30.5", "The demonstration camera in the training room"]]);
    // The later scan replaces the earlier one as the site's current word: the figures count once,
    // without the dismissed host.
    const ho = await testDb().organisation.findFirstOrThrow({ where: { acronym: "HO" } });
    expect((await discoveryFindingsByOrganisation([ho.id])).get(ho.id)?.probableUnrecorded).toBe(2);
    scanId = next;
  });

  it("adds probable covered hosts to the register through the import, all or nothing, and the camera is then in breach", async () => {
    const probable = await getDiscoveryScan(editor, scanId, "probable");
    const hikvision = probable.hostRows.find((h) => h.address === "10.20.30.2")!;
    const dahua = probable.hostRows.find((h) => h.address === "10.20.30.3")!;
    const refused = await addHostsToRegister(editor, scanId, [
      { hostId: hikvision.id, cells: { kind: "Camera", brand: "Hikvision", model: "DS-2CD2143G2-I", network: "Segregated" } },
      { hostId: dahua.id, cells: { kind: "Recorder", brand: "", network: "Sideways" } },
    ]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(Object.keys(refused.fieldErrors).sort()).toEqual([`brand-${dahua.id}`, `network-${dahua.id}`]);
    }
    expect(await testDb().device.count({ where: { siteId, mac: "4447CC6A210F" } })).toBe(0);

    const added = await addHostsToRegister(editor, scanId, [
      { hostId: hikvision.id, cells: { kind: "Camera", brand: "Hikvision", model: "DS-2CD2143G2-I", network: "Segregated", notes: "Seen at the gatehouse" } },
    ]);
    expect(added).toMatchObject({ ok: true, created: 1 });
    const recorded = await testDb().device.findFirstOrThrow({ where: { siteId, mac: "4447CC6A210F" }, include: { compliance: true } });
    expect(recorded.ip).toBe("10.20.30.2");
    expect(recorded.notes).toContain("Seen at the gatehouse Found on the network by camera-subnet.nmap.xml");
    expect(recorded.compliance?.status).toBe("BREACH");
    const after = await getDiscoveryScan(editor, scanId, "matched");
    expect(after.hostRows.find((h) => h.address === "10.20.30.2")).toMatchObject({ device: { id: recorded.id }, action: "ADDED", matchedBy: "MAC" });
    expect((await getDiscoveryScan(editor, scanId)).probableCovered).toBe(1);
    // Adding the same host twice (a replayed form) changes nothing.
    expect(await addHostsToRegister(editor, scanId, [{ hostId: hikvision.id, cells: { kind: "Camera", brand: "Hikvision" } }])).toMatchObject({ ok: false });
  });
});

describe("a refused file", () => {
  it("keeps only its problems, with their lines, for hostile XML", async () => {
    const hostile = Buffer.from(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<nmaprun>&x;</nmaprun>`);
    const outcome = await upload(editor, { bytes: hostile, filename: "hostile.xml" });
    expect(outcome).toMatchObject({ ok: true, state: "REFUSED" });
    const scanId = await scanIdOf(outcome);
    const scan = await getDiscoveryScan(editor, scanId);
    expect(scan.problems[0]!.message).toMatch(/document type declaration/);
    expect(await hostCount(scanId)).toBe(0);
  });

  it("reports each host outside the address ranges with its line, and stores none of them", async () => {
    const outcome = await upload(editor, { siteId: null, ranges: "10.20.30.0/29 DISC-T1" });
    const scanId = await scanIdOf(outcome);
    const scan = await getDiscoveryScan(editor, scanId);
    expect(scan.state).toBe("REFUSED");
    expect(scan.problems.map((p) => p.message)).toEqual(["10.20.30.10 is in none of the address ranges given"]);
    expect(scan.problems[0]!.line).toBeGreaterThan(100);
    expect(await hostCount(scanId)).toBe(0);
  });

  it("refuses the form's own mistakes where they can be fixed", async () => {
    expect(await upload(editor, { bytes: new Uint8Array(0) })).toEqual({ ok: false, field: "file", message: "The selected file is empty" });
    expect(await upload(editor, { siteId: null, ranges: "10.20.30.0/24 NO-SUCH-SITE" })).toMatchObject({ ok: false, field: "ranges" });
    expect(await upload(editor, { siteId: null, ranges: "10.20.30.0/33 DISC-T1" })).toMatchObject({ ok: false, field: "ranges" });
    const mojSite = await testDb().site.findFirstOrThrow({ where: { organisation: { acronym: { not: "HO" } } } });
    expect(await upload(editor, { siteId: mojSite.id })).toMatchObject({ ok: false, field: "site" });
  });

  it("places hosts on several sites by the most specific range", async () => {
    const scanId = await scanIdOf(await upload(editor, { siteId: null, ranges: "10.20.30.0/24 DISC-T1\n10.20.30.4/32 DISC-T2" }));
    const scan = await getDiscoveryScan(editor, scanId, "matched");
    expect(scan.state).toBe("RECONCILED");
    expect(scan.sites.map((s) => s.id).sort()).toEqual([siteId, otherSiteId].sort());
    const axis = scan.hostRows.find((h) => h.address === "10.20.30.4")!;
    expect(axis.siteId).toBe(otherSiteId);
    // The example's Axis MAC is also the import template's example, which another test file may
    // have imported elsewhere in the Home Office first: whichever device it matched, the host is
    // told apart from it by its site.
    expect(axis.matchedBy).toBe("MAC");
    const [matchedSite] = await testDb().$queryRawUnsafe<{ name: string }[]>(
      `SELECT s.name FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.id = $1`, axis.device!.id,
    );
    expect(axis.differences[0]).toBe(`The register records this device at ${matchedSite!.name}, not at the site this file covers.`);
  });
});

describe("a VMS camera list", () => {
  it("waits for its columns, suggests them, never reads the password column, and keeps the mapping for next time", async () => {
    const outcome = await upload(editor, { kind: "vms", filename: "milestone-xprotect-cameras.csv", bytes: MILESTONE });
    expect(outcome).toMatchObject({ ok: true, state: "AWAITING_COLUMNS" });
    const scanId = await scanIdOf(outcome);
    const choice = await getColumnChoice(editor, scanId);
    if ("state" in choice) throw new Error("not waiting");
    expect(choice.product).toMatch(/Milestone/);
    expect(choice.secretColumns).toEqual(["Password"]);
    expect(choice.mapping).toMatchObject({ address: "Address", mac: "MAC", model: "Model" });
    const done = await chooseColumns(editor, scanId, choice.mapping, choice.product);
    expect(done).toMatchObject({ ok: true, state: "RECONCILED" });
    const stored = await testDb().$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(h)::text AS row FROM discovered_hosts h WHERE scan_id = $1`, scanId);
    expect(stored.length).toBeGreaterThan(0);
    for (const { row } of stored) expect(row).not.toMatch(/Gatehouse#2023|LoadingBay!77|Rc9!vQ2m/);
    const raw = await testDb().$queryRawUnsafe<{ pending: number }[]>(`SELECT count(*)::int AS pending FROM discovery_scans WHERE pending_upload IS NOT NULL AND id = $1`, scanId);
    expect(raw[0]!.pending).toBe(0);
    const scan = await getDiscoveryScan(editor, scanId, "matched");
    expect(scan.discarded).toEqual(["Password"]);
    expect(scan.hostRows.find((h) => h.device?.id === device.axis)?.matchedBy).toBe("MAC");

    const again = await scanIdOf(await upload(editor, { kind: "vms", filename: "milestone-xprotect-cameras.csv", bytes: MILESTONE }));
    const second = await getColumnChoice(editor, again);
    expect("state" in second ? null : second.mapping).toEqual(choice.mapping);
    const audit = await testDb().$queryRawUnsafe<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_type = 'discovery-scan' AND entity_id = $1 ORDER BY id`, String(scanId),
    );
    expect(audit.map((a) => a.action)).toEqual(["discovery.uploaded", "discovery.reconciled"]);
  });
});
