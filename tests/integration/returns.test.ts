import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { getDevice, recordRemoval, updateDevice } from "@/lib/data/devices";
import {
  attestReturn,
  FIGURES_MOVED_MESSAGE,
  getDepartmentReturn,
  getRound,
  latestRoundStatuses,
  listRounds,
  openRound,
  roundFormChoices,
  saveReturnDraft,
} from "@/lib/data/returns";
import { parse } from "csv-parse/sync";
import { getDashboard, parseDashboardQuery } from "@/lib/data/dashboard";
import { evaluateEverything } from "@/lib/data/evaluation";
import { refreshAllMarked } from "@/lib/data/return-checks";
import { generateReport } from "@/lib/data/reports";
import { organisationsCsv } from "@/lib/export/organisations-table";
import { todayInLondon } from "@/lib/platform/today";
import { RETURN_STATUS_LABELS } from "@/lib/returns/types";
import { STANDARD_DECLARATIONS } from "@/lib/returns/declarations";
import { deviceFormSchema, removeDeviceSchema } from "@/lib/validation/device";
import { attestationSchema, roundFormSchema } from "@/lib/validation/returns";

// A round end to end on the real database: the Cabinet Office opens it, the Home Office's
// accountable official attests, a change moves the figures, the return says so and what moved, and
// the official attests again. The figures are checked against the stored results the dashboard uses.

let co: Actor;
let official: Actor;
let editor: Actor;
let viewer: Actor;
let mojEditor: Actor;
let minister: Actor;
let hoId: number;

const today = todayInLondon();
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const parts = (name: string, iso: string) => {
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

function roundForm(over: Record<string, string> = {}) {
  const ticks = Object.fromEntries(STANDARD_DECLARATIONS.map((d) => [`declaration-${d.id}`, "yes"]));
  return { name: `Round ${Math.random().toString(36).slice(2, 8)}`, ...parts("asOf", today), ...parts("dueOn", plusDays(today, 14)), ...ticks, ...over };
}

function answers(hash: string, over: Record<string, string> = {}) {
  const raw: Record<string, string> = { figuresHash: hash, confirm: "yes", comment: "Checked with the estates team." };
  for (const d of STANDARD_DECLARATIONS) raw[`answer-${d.id}`] = "yes";
  return attestationSchema(STANDARD_DECLARATIONS.map((d) => d.id)).parse({ ...raw, ...over });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** What the stored results (the dashboard's source) say for the department and its agencies today. */
async function storedFigures(departmentId: number) {
  const rows = await testDb().$queryRawUnsafe<{ devices: number; breach: number; removed: number; covered_core: number }[]>(
    `SELECT count(*)::int AS devices, count(*) FILTER (WHERE status = 'BREACH')::int AS breach,
       count(*) FILTER (WHERE status = 'REMOVED')::int AS removed,
       count(*) FILTER (WHERE covered AND in_service AND core_network)::int AS covered_core
     FROM device_compliance WHERE organisation_id IN (SELECT id FROM organisations WHERE id = $1 OR parent_id = $1)`, departmentId);
  return rows[0]!;
}

beforeAll(async () => {
  [co, official, editor, viewer, mojEditor, minister] = await Promise.all([
    actorFor("analyst@cabinetoffice.example.gov.uk"),
    actorFor("official@ho.example.gov.uk"),
    actorFor("editor@ho.example.gov.uk"),
    actorFor("viewer@ho.example.gov.uk"),
    actorFor("editor@moj.example.gov.uk"),
    actorFor("private.office@minister.example.gov.uk"),
  ]);
  hoId = (await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } })).id;
});

describe("opening a round", () => {
  it("is for the Cabinet Office only, and checks its dates, statements and departments", async () => {
    expect((await refusal(openRound(editor, roundFormSchema.parse(roundForm())))).code).toBe("FORBIDDEN");
    await expect(roundFormChoices(editor)).rejects.toBeInstanceOf(AppError);
    const late = roundFormSchema.safeParse(roundForm(parts("dueOn", plusDays(today, -1))));
    expect(late.success).toBe(false);
    expect(late.error!.issues.map((i) => i.message)).toContain("Due date must be on or after the as-of date");
    const none = roundFormSchema.safeParse({ ...roundForm(), ...Object.fromEntries(STANDARD_DECLARATIONS.map((d) => [`declaration-${d.id}`, ""])) });
    expect(none.error!.issues.map((i) => i.message)).toContain("Select at least one statement for departments to confirm");
    expect(roundFormSchema.safeParse(roundForm({ "declaration-made-up": "yes" })).success).toBe(false);
    expect(roundFormSchema.safeParse(roundForm({ name: "Round\u0000" })).success).toBe(false);
    expect(roundFormSchema.safeParse(roundForm({ name: "x".repeat(121) })).success).toBe(false);
    expect(roundFormSchema.safeParse(roundForm({ "department-1e9": "yes" })).success).toBe(false);
    // An agency is not a department: refused in words, nothing stored.
    const agency = await testDb().organisation.findFirstOrThrow({ where: { parentId: { not: null } }, select: { id: true } });
    const before = await testDb().returnRound.count();
    const outcome = await openRound(co, roundFormSchema.parse(roundForm({ [`department-${agency.id}`]: "yes" })));
    expect(outcome).toEqual({ ok: false, fieldErrors: { departments: "Select departments from the list" } });
    expect(await testDb().returnRound.count()).toBe(before);
  });

  it("covers every department when none is ticked", async () => {
    const outcome = await openRound(co, roundFormSchema.parse(roundForm()));
    if (!outcome.ok) throw new Error("refused");
    const { departments, round } = await getRound(co, outcome.value.id);
    const all = await testDb().organisation.count({ where: { parentId: null } });
    expect(departments).toHaveLength(all);
    expect(round.byStatus.NOT_STARTED).toBe(all);
    // A department's staff see their own department's return only.
    const mine = await getRound(editor, outcome.value.id);
    expect(mine.departments.map((d) => d.acronym)).toEqual(["HO"]);
  });
});

describe("a Home Office return", () => {
  let roundId: number;

  beforeAll(async () => {
    const outcome = await openRound(co, roundFormSchema.parse(roundForm({ name: "Home Office only round", [`department-${hoId}`]: "yes" })));
    if (!outcome.ok) throw new Error("refused");
    roundId = outcome.value.id;
  });

  it("is seen by the department and the Cabinet Office, not by another department", async () => {
    expect((await listRounds(editor)).map((r) => r.id)).toContain(roundId);
    expect((await listRounds(mojEditor)).map((r) => r.id)).not.toContain(roundId);
    expect((await refusal(getRound(mojEditor, roundId))).code).toBe("NOT_FOUND");
    expect((await refusal(getDepartmentReturn(mojEditor, roundId, hoId))).code).toBe("NOT_FOUND");
    expect((await refusal(listRounds(minister))).code).toBe("FORBIDDEN");
    const coView = await getDepartmentReturn(co, roundId, hoId);
    expect(coView).toMatchObject({ status: "NOT_STARTED", canAttest: false, canDraft: false });
  });

  it("states the same figures as the stored results, and only the official may attest", async () => {
    const mine = await getDepartmentReturn(official, roundId, hoId);
    expect(mine.canAttest).toBe(true);
    expect(mine.figuresHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await storedFigures(hoId);
    expect(mine.figures).toMatchObject({ devices: stored.devices, breach: stored.breach, removed: stored.removed, coveredCore: stored.covered_core });
    expect(mine.figures.devices).toBeGreaterThan(0);
    expect(mine.openFindingsTotal).toBe(mine.figures.breach + mine.figures.actionDue);
    // Reading twice gives the same hash: the results are computed in device order.
    expect((await getDepartmentReturn(official, roundId, hoId)).figuresHash).toBe(mine.figuresHash);
    expect((await getDepartmentReturn(editor, roundId, hoId))).toMatchObject({ canAttest: false, canDraft: true });
    expect((await getDepartmentReturn(viewer, roundId, hoId))).toMatchObject({ canAttest: false, canDraft: false });
    expect((await refusal(attestReturn(editor, roundId, hoId, answers(mine.figuresHash)))).code).toBe("FORBIDDEN");
    expect((await refusal(attestReturn(viewer, roundId, hoId, answers(mine.figuresHash)))).code).toBe("FORBIDDEN");
    expect((await refusal(saveReturnDraft(viewer, roundId, hoId, {}))).code).toBe("FORBIDDEN");
    expect(await testDb().attestation.count({ where: { department: { roundId } } })).toBe(0);
  });

  it("refuses answers left out, a 'no' without details and figures that are not the ones shown", () => {
    const ids = STANDARD_DECLARATIONS.map((d) => d.id);
    const missing = attestationSchema(ids).safeParse({ figuresHash: "a".repeat(64), confirm: "yes" });
    expect(missing.error!.issues.filter((i) => i.message === "Select yes or no")).toHaveLength(ids.length);
    const noDetails = attestationSchema(ids).safeParse({ ...answers("a".repeat(64)), [`answer-${ids[1]}`]: "no" });
    expect(noDetails.error!.issues.map((i) => i.path[0])).toEqual([`details-${ids[1]}`]);
    expect(attestationSchema(ids).safeParse({ ...answers("a".repeat(64)), confirm: "" }).success).toBe(false);
    expect(attestationSchema(ids).safeParse({ ...answers("a".repeat(64)), figuresHash: "not a hash" }).success).toBe(false);
    expect(attestationSchema(ids).safeParse({ ...answers("a".repeat(64)), comment: "x".repeat(4001) }).success).toBe(false);
  });

  it("goes in progress with a draft, attested, changed since attestation with what moved, and attested again", async () => {
    expect((await saveReturnDraft(editor, roundId, hoId, { [`answer-${STANDARD_DECLARATIONS[0]!.id}`]: "yes", comment: "Draft" })).ok).toBe(true);
    const drafted = await getDepartmentReturn(official, roundId, hoId);
    expect(drafted.status).toBe("IN_PROGRESS");
    expect(drafted.draft?.comment).toBe("Draft");

    const stale = await refusal(attestReturn(official, roundId, hoId, answers("0".repeat(64))));
    expect(stale).toMatchObject({ code: "CONFLICT", message: FIGURES_MOVED_MESSAGE });
    expect(await testDb().attestation.count({ where: { department: { roundId } } })).toBe(0);

    const first = await attestReturn(official, roundId, hoId, answers(drafted.figuresHash, { [`answer-${STANDARD_DECLARATIONS[1]!.id}`]: "no", [`details-${STANDARD_DECLARATIONS[1]!.id}`]: "Two recorders at Croydon, being moved" }));
    expect(first.ok).toBe(true);
    const attested = await getDepartmentReturn(official, roundId, hoId);
    expect(attested).toMatchObject({ status: "ATTESTED", changes: null, draft: null });
    expect(attested.latest).toMatchObject({ officialName: "Olu Official", figuresHash: drafted.figuresHash, comment: "Checked with the estates team." });
    expect(attested.latest!.answers[1]).toMatchObject({ answer: "no", details: "Two recorders at Croydon, being moved" });
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "return.attested", entityId: String(roundId) }, orderBy: { id: "desc" } });
    expect(audit.summary).toContain(drafted.figuresHash);
    expect(audit.after).toMatchObject({ official: "Olu Official", figuresHash: drafted.figuresHash, figures: { devices: drafted.figures.devices } });

    // A change that moves no figure (a note) leaves it attested.
    const anyDevice = await testDb().device.findFirstOrThrow({ where: { organisationId: hoId, lifecycle: "IN_SERVICE" }, select: { id: true }, orderBy: { id: "asc" } });
    const d = await getDevice(editor, anyDevice.id);
    const noted = await updateDevice(editor, d.id, deviceFormSchema.parse({
      siteId: String(d.siteId), systemId: d.systemId ? String(d.systemId) : "", kind: d.kind, brand: d.brand, model: d.model ?? "",
      serial: d.serial ?? "", assetTag: d.assetTag ?? "", mac: d.mac ?? "", ip: d.ip ?? "", installedOn: d.installedOn ?? "",
      network: d.network, vendorCloud: d.vendorCloud === null ? "unknown" : d.vendorCloud ? "yes" : "no", lifecycle: d.lifecycle,
      decommissionedOn: d.decommissionedOn ?? "", removedOn: d.removedOn ?? "", removalEvidence: d.removalEvidence ?? "",
      notes: "Checked for the return", version: String(d.version),
    }));
    expect(noted.ok).toBe(true);
    expect((await getRound(co, roundId)).departments[0]!.status).toBe("ATTESTED");

    // Removing a covered device moves the figures: the round and the return say so.
    const covered = await testDb().$queryRawUnsafe<{ device_id: number }[]>(
      `SELECT device_id FROM device_compliance WHERE organisation_id = $1 AND covered AND in_service ORDER BY device_id LIMIT 1`, hoId);
    const target = await getDevice(editor, covered[0]!.device_id);
    const removed = await recordRemoval(editor, target.id, removeDeviceSchema.parse({
      ...parts("removedOn", today), removalEvidence: "Contractor's removal certificate", version: String(target.version),
    }));
    expect(removed.ok).toBe(true);
    expect((await getRound(co, roundId)).departments[0]!.status).toBe("CHANGED");
    const changed = await getDepartmentReturn(official, roundId, hoId);
    expect(changed.status).toBe("CHANGED");
    expect(changed.figuresHash).not.toBe(drafted.figuresHash);
    expect(changed.changes!.figures).toContainEqual(expect.objectContaining({ figure: "removed", attested: drafted.figures.removed, now: drafted.figures.removed + 1 }));
    expect(changed.changes!.devices).toContainEqual(expect.objectContaining({ deviceId: target.id, nowStatus: "REMOVED" }));
    expect(changed.changes!.devices[0]!.description).toBeTruthy();

    const again = await attestReturn(official, roundId, hoId, answers(changed.figuresHash));
    expect(again.ok).toBe(true);
    const reattested = await getDepartmentReturn(official, roundId, hoId);
    expect(reattested).toMatchObject({ status: "ATTESTED", changes: null });
    expect(reattested.history).toHaveLength(1);
    expect(reattested.history[0]!.figuresHash).toBe(drafted.figuresHash);
    expect(await testDb().auditEvent.count({ where: { action: "return.reattested", entityId: String(roundId) } })).toBe(1);

    const statuses = await latestRoundStatuses(minister);
    expect(statuses?.round.id).toBeGreaterThanOrEqual(roundId);
  });
});

describe("after a full evaluation", () => {
  it("every open return is marked, and the background job's pass hashes the attested ones again, finding no change", async () => {
    await evaluateEverything(testDb(), today);
    const marked = await testDb().returnDepartment.count({ where: { checkNeeded: true, round: { closedAt: null } } });
    expect(marked).toBeGreaterThan(0);
    const attested = await testDb().returnDepartment.count({ where: { checkNeeded: true, round: { closedAt: null }, attestations: { some: {} } } });
    expect(attested).toBeGreaterThan(0);
    expect(await refreshAllMarked(testDb())).toBe(attested);
    expect(await testDb().returnDepartment.count({ where: { checkNeeded: true, attestations: { some: {} } } })).toBe(0);
    // The Home Office's round (the latest so far) still stands as attested: nothing moved its figures.
    const statuses = (await latestRoundStatuses(co))!;
    expect(statuses.round.name).toBe("Home Office only round");
    expect(statuses.departments).toEqual([expect.objectContaining({ acronym: "HO", status: "ATTESTED", attestedBy: "Olu Official" })]);
  });
});

describe("where returns show", () => {
  it("the dashboard's export and the minister's report name the round and each department's return", async () => {
    const statuses = await latestRoundStatuses(minister);
    expect(statuses).not.toBeNull();
    const ho = statuses!.departments.find((d) => d.acronym === "HO")!;
    const dashboard = await getDashboard(co, parseDashboardQuery({}));
    const csv = parse(organisationsCsv(dashboard.rows, dashboard.figures, statuses).replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    expect(csv[1]!.at(-1)).toBe(`Return status in the latest round (${statuses!.round.name})`);
    const hoRow = csv.find((r) => r[1] === "HO")!;
    expect(hoRow.at(-1)).toBe(RETURN_STATUS_LABELS[ho.status]);
    // An agency answers with its department.
    const agency = dashboard.rows.find((r) => r.parentId === ho.organisationId);
    if (agency) expect(csv.find((r) => r[1] === agency.acronym)!.at(-1)).toBe(RETURN_STATUS_LABELS[ho.status]);

    const report = await generateReport(minister, { format: "CSV", asOf: null, organisationId: null });
    const rows = parse(report.body.toString("utf8")) as string[][];
    expect(rows[0]!.slice(-2)).toEqual(["Return round", "Return status"]);
    expect(rows.find((r) => r[1] === "HO")!.slice(-2)).toEqual([statuses!.round.name, RETURN_STATUS_LABELS[ho.status]]);
  });
});

describe("a round past its due date", () => {
  it("shows a department that has not attested as overdue", async () => {
    const outcome = await openRound(co, roundFormSchema.parse(roundForm({
      name: "Last month's round", ...parts("asOf", plusDays(today, -40)), ...parts("dueOn", plusDays(today, -10)), [`department-${hoId}`]: "yes",
    })));
    if (!outcome.ok) throw new Error("refused");
    const { departments, round } = await getRound(co, outcome.value.id);
    expect(departments.map((d) => d.status)).toEqual(["OVERDUE"]);
    expect(round.byStatus.OVERDUE).toBe(1);
    // The figures of an earlier as-of date have their own hash.
    const then = await getDepartmentReturn(official, outcome.value.id, hoId);
    const rounds = await listRounds(official);
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(then.figuresHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
