import { z } from "zod";
import { apiRoute, readQuery } from "@/lib/api/handler";
import { BULK_UPSERT_DEVICES } from "@/lib/api/openapi/paths/devices";
import { pointerOf, problem, type FieldProblem } from "@/lib/api/problem";
import { ApiRefusal } from "@/lib/api/refusal";
import { readJsonBody } from "@/lib/api/request-body";
import { BULK_BODY_LIMIT, MAX_BULK_DEVICES, type BulkResult } from "@/lib/api/schemas/device";
import { importDeviceRecords } from "@/lib/data/imports";
import { statusTotals } from "@/lib/import/apply";
import { MAX_LISTED_ERRORS } from "@/lib/import/limits";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

const querySchema = z.object({ dryRun: z.enum(["true", "false"], "dryRun must be true or false").optional() });

/** The body's devices: one JSON object holding an array `devices` and nothing else. */
function devicesOf(body: unknown): unknown[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiRefusal(400, 'The body must be a JSON object: { "devices": [ … ] }');
  const extra = Object.keys(body).filter((k) => k !== "devices");
  if (extra.length > 0) {
    throw new ApiRefusal(422, 'The body has fields other than devices: send { "devices": [ … ] }', undefined, extra.slice(0, 10).map((k) => ({ pointer: pointerOf(k), detail: `${k} is not a field of a bulk upsert` })));
  }
  const devices = (body as { devices?: unknown }).devices;
  if (!Array.isArray(devices)) throw new ApiRefusal(422, "devices must be an array of devices", undefined, [{ pointer: "#/devices", detail: "devices must be an array of devices" }]);
  if (devices.length === 0) throw new ApiRefusal(422, "Send at least one device", undefined, [{ pointer: "#/devices", detail: "Send at least one device" }]);
  if (devices.length > MAX_BULK_DEVICES) {
    throw new ApiRefusal(413, `The body holds ${devices.length.toLocaleString("en-GB")} devices: send at most ${MAX_BULK_DEVICES.toLocaleString("en-GB")} in one request, and the rest in further requests`);
  }
  return devices;
}

/**
 * POST /api/v1/devices/bulk: the import, with its rows as JSON (lib/data/imports.ts
 * importDeviceRecords). All or nothing: any problem is a 422 naming each, and nothing is saved.
 */
export const POST = apiRoute(BULK_UPSERT_DEVICES, async ({ request, actor, token }) => {
  const { dryRun } = readQuery(request, querySchema);
  const devices = devicesOf(await readJsonBody(request, BULK_BODY_LIMIT));
  const outcome = await importDeviceRecords(actor, devices, { dryRun: dryRun === "true", source: `devices sent through the API with the token “${token.name}”` });
  if (!outcome.ok) {
    if (outcome.busy) return problem(429, outcome.error, { headers: { "Retry-After": "30" } });
    const errors: FieldProblem[] = outcome.errors.map((e) => ({ pointer: e.column === null ? `#/devices/${e.index}` : `#/devices/${e.index}/${e.column.replace(/~/g, "~0").replace(/\//g, "~1")}`, detail: e.message }));
    const listed = outcome.errorCount > MAX_LISTED_ERRORS ? ` (the first ${MAX_LISTED_ERRORS.toLocaleString("en-GB")} are listed)` : "";
    const count = outcome.errorCount === 1 ? "1 problem" : `${outcome.errorCount.toLocaleString("en-GB")} problems`;
    return problem(422, `The devices have ${count}${listed}: see errors. Nothing was saved.`, { errors });
  }
  const r = outcome.result;
  const totals = statusTotals(r.changes);
  const body: BulkResult = {
    dryRun: dryRun === "true",
    importId: outcome.importId,
    devices: devices.length,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    sitesCreated: r.sitesCreated,
    systemsCreated: r.systemsCreated,
    changes: r.changes,
    statusesBefore: totals.before,
    statusesAfter: totals.after,
  };
  return Response.json(body);
});
