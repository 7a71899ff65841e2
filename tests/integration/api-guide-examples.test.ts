import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/v1/devices/bulk/route";
import * as deviceRoute from "@/app/api/v1/devices/[id]/route";
import type { Actor } from "@/lib/auth/actor";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// docs/API.md's examples of changing a device and of the bulk upsert, sent as written to the real
// route handlers on the seeded register (tests/unit/api/api-guide.test.ts holds them to the
// document; this holds them to what the service does with them). Only the device's id and
// version are the reader's own, so they are taken from the register.

const guide = readFileSync(join(process.cwd(), "docs", "API.md"), "utf8").replace(/\\\n\s*/g, " ");

function example(pattern: RegExp): { path: string; body: unknown } {
  const line = guide.split("\n").find((l) => l.startsWith("curl ") && pattern.test(l));
  if (!line) throw new Error(`docs/API.md has no example matching ${pattern}`);
  const path = /"\$BASE(\/[^"]+)"/.exec(line)![1]!;
  const body = /--data '([^']*)'/.exec(line)?.[1];
  return { path, body: body === undefined ? undefined : (JSON.parse(body) as unknown) };
}

let editor: Actor;
let token: string;

beforeAll(async () => {
  editor = await actorFor("editor@ho.example.gov.uk");
  token = await tokenFor(editor);
});

describe("docs/API.md's examples, sent to the service", () => {
  it("changes a device with If-Match as the guide shows", async () => {
    const { path, body } = example(/-X PATCH "\$BASE\/api\/v1\/devices\//);
    const device = await testDb().device.findFirstOrThrow({ where: { organisationId: editor.organisationId!, lifecycle: "IN_SERVICE" }, orderBy: { id: "asc" }, select: { id: true, version: true } });
    const ownPath = path.replace(/\/devices\/\d+/, `/devices/${device.id}`);
    const changed = await callRoute(deviceRoute.PATCH, { method: "PATCH", path: ownPath, token, body, params: { id: String(device.id) }, headers: { "If-Match": `"${device.version}"` } });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json).toMatchObject(body as object);
    const again = await callRoute(deviceRoute.PATCH, { method: "PATCH", path: ownPath, token, body, params: { id: String(device.id) }, headers: { "If-Match": `"${device.version}"` } });
    expect(again.status).toBe(412);
  });

  it("upserts cameras in bulk as the guide shows: the dry run saves nothing, the request without it saves them", async () => {
    const { path, body } = example(/"\$BASE\/api\/v1\/devices\/bulk/);
    expect(path).toContain("dryRun=true");
    const before = await testDb().device.count();
    const dry = await callRoute(bulkRoute.POST, { method: "POST", path, token, body });
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, importId: null, devices: 1 });
    expect(await testDb().device.count()).toBe(before);
    const applied = await callRoute(bulkRoute.POST, { method: "POST", path: path.replace(/[?&]dryRun=true/, ""), token, body });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    expect(applied.json).toMatchObject({ dryRun: false, devices: 1 });
    const { created, updated, unchanged } = applied.json as { created: number; updated: number; unchanged: number };
    expect(created + updated + unchanged).toBe(1);
    expect(await testDb().device.count()).toBe(before + created);
  });
});
