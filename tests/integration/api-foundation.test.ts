import { beforeAll, describe, expect, it } from "vitest";
import * as organisations from "@/app/api/v1/organisations/route";
import * as organisation from "@/app/api/v1/organisations/[id]/route";
import { takeApiRequest } from "@/lib/data/api-rate-limit";
import { authenticateApiToken, createApiTokenFor, hashToken } from "@/lib/data/api-tokens";
import type { Actor } from "@/lib/auth/actor";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// The API's common ground, through real route handlers on the real database: bearer tokens only,
// problems as RFC 9457, scope as on the pages, cursor pages, the per-token rate limit.

let hoEditor: Actor;
let hoViewer: Actor;
let cabinetOffice: Actor;
let minister: Actor;
let editorToken: string;

beforeAll(async () => {
  hoEditor = await actorFor("editor@ho.example.gov.uk");
  hoViewer = await actorFor("viewer@ho.example.gov.uk");
  cabinetOffice = await actorFor("analyst@cabinetoffice.example.gov.uk");
  minister = await actorFor("private.office@minister.example.gov.uk");
  editorToken = await tokenFor(hoEditor);
});

type Problem = { type: string; title: string; status: number; detail: string; errors?: { pointer?: string; parameter?: string; detail: string }[] };

describe("API tokens", () => {
  it("are stored only as a hash, shown once, and open the API as their owner", async () => {
    const rows = await testDb().apiToken.findMany({ where: { userId: hoEditor.id } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.tokenHash).not.toContain(editorToken.slice(4));
    }
    expect(rows.some((r) => r.tokenHash === hashToken(editorToken))).toBe(true);
    const holder = await authenticateApiToken(editorToken);
    expect(holder?.actor.id).toBe(hoEditor.id);
  });

  it("cannot be wider than the owner: a viewer's token can only read", async () => {
    const refused = await createApiTokenFor(hoViewer, hoViewer, { name: "Facilities system", access: "READ_WRITE", expiresOn: "2027-01-01" });
    expect(refused).toEqual({ ok: false, fieldErrors: { access: "This account can only read the register, so its tokens can only read" } });
  });

  it("expire within a year, and a name is required", async () => {
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const result = await createApiTokenFor(hoEditor, hoEditor, { name: " ", access: "READ", expiresOn: far });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.name).toMatch(/Enter a name/);
      expect(result.fieldErrors.expiresOn).toBe("Expiry date must be within a year of today");
    }
  });

  it("stop working when revoked, expired, or the owner is deactivated", async () => {
    const revoked = await tokenFor(hoEditor);
    await testDb().apiToken.update({ where: { tokenHash: hashToken(revoked) }, data: { revokedAt: new Date() } });
    expect(await authenticateApiToken(revoked)).toBeNull();
    const expired = await tokenFor(hoEditor);
    await testDb().apiToken.update({ where: { tokenHash: hashToken(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiToken(expired)).toBeNull();
    expect(await authenticateApiToken("ecr_" + "A".repeat(43))).toBeNull();
    expect(await authenticateApiToken("not a token\u0000")).toBeNull();
  });
});

describe("every API request", () => {
  it("without a token is 401 with WWW-Authenticate, as problem+json; the session cookie is never read", async () => {
    const response = await callRoute(organisations.GET, { path: "/api/v1/organisations", headers: { Cookie: "__Secure-next-auth.session-token=anything" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    expect((response.json as Problem).title).toBe("Unauthorised");
  });

  it.each([["Bearer"], ["Bearer ecr_short"], ["Basic dXNlcjpwYXNz"], [`Bearer ecr_${"x".repeat(43)}`], ["Bearer ecr_\u00ff\u00fe"], ["Bearer a b"]])("with a bad Authorization header (%s) is 401", async (header) => {
    const response = await callRoute(organisations.GET, { path: "/api/v1/organisations", headers: { Authorization: header } });
    expect(response.status).toBe(401);
  });

  it("sees only the owner's organisations, in id order, a page at a time", async () => {
    const first = await callRoute(organisations.GET, { path: "/api/v1/organisations?limit=1", token: editorToken });
    expect(first.status).toBe(200);
    const page = first.json as { items: { id: number }[]; nextCursor: string | null };
    const all: number[] = page.items.map((o) => o.id);
    let cursor = page.nextCursor;
    while (cursor) {
      const next = await callRoute(organisations.GET, { path: `/api/v1/organisations?limit=1&cursor=${cursor}`, token: editorToken });
      const body = next.json as typeof page;
      all.push(...body.items.map((o) => o.id));
      cursor = body.nextCursor;
    }
    expect(all).toEqual([...hoEditor.scope.all ? [] : hoEditor.scope.organisationIds].sort((a, b) => a - b));
  });

  it("answers 404 for an organisation outside the owner's scope, as the pages do, and 200 for the Cabinet Office", async () => {
    const other = await testDb().organisation.findFirstOrThrow({ where: { id: { notIn: hoEditor.scope.all ? [] : hoEditor.scope.organisationIds } } });
    const refused = await callRoute(organisation.GET, { path: `/api/v1/organisations/${other.id}`, token: editorToken, params: { id: String(other.id) } });
    expect(refused.status).toBe(404);
    const co = await callRoute(organisation.GET, { path: `/api/v1/organisations/${other.id}`, token: await tokenFor(cabinetOffice, "READ"), params: { id: String(other.id) } });
    expect(co.status).toBe(200);
    expect((co.json as { id: number; status: string }).id).toBe(other.id);
    const minister_ = await callRoute(organisation.GET, { path: `/api/v1/organisations/${other.id}`, token: await tokenFor(minister, "READ"), params: { id: String(other.id) } });
    expect(minister_.status).toBe(200);
  });

  it.each([["abc"], ["0"], ["-1"], ["1.5"], ["99999999999"], ["1%00"]])("answers 404 for a nonsense id (%s), never 500", async (id) => {
    const response = await callRoute(organisation.GET, { path: `/api/v1/organisations/${encodeURIComponent(id)}`, token: editorToken, params: { id } });
    expect(response.status).toBe(404);
  });

  it.each([
    ["limit=0", "limit"], ["limit=501", "limit"], ["limit=ten", "limit"], ["cursor=%00%01", "cursor"], ["cursor=eyJhIjotMX0", "cursor"],
    ["status=PURPLE", "status"], ["limit=1&limit=2", "limit"],
  ])("refuses a bad query (%s) with 400 naming the parameter", async (query, parameter) => {
    const response = await callRoute(organisations.GET, { path: `/api/v1/organisations?${query}`, token: editorToken });
    expect(response.status).toBe(400);
    expect((response.json as Problem).errors?.map((e) => e.parameter)).toContain(parameter);
  });

  it("is counted per token in PostgreSQL, and refused with 429 and Retry-After over the limit", async () => {
    const token = await tokenFor(hoViewer, "READ");
    const holder = (await authenticateApiToken(token))!;
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => takeApiRequest(holder.token.id, 10)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
    const refused = verdicts.find((v) => !v.ok);
    expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another token is not affected.
    const other = (await authenticateApiToken(await tokenFor(hoViewer, "READ")))!;
    expect((await takeApiRequest(other.token.id, 10)).ok).toBe(true);
  });
});
