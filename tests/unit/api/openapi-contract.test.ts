import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import { ContractViolation, contractChecker, type OpenApiDocumentLike } from "../../support/openapi-contract";

// The check every API response in the suite goes through must be able to fail: each way a response
// can break the document is shown failing here, next to the one that passes.

const checker = contractChecker(openApiDocument() as OpenApiDocumentLike);

const organisation = {
  id: 7, name: "Home Office", acronym: "HO", type: "MINISTERIAL_DEPARTMENT", parentId: null, status: "AMBER", asOf: "2026-12-01",
  figures: { sites: 3, sensitiveSites: 1, devices: 40, breach: 0, actionDue: 2, unverified: 1, advisory: 0, compliant: 37, removed: 1, inService: 39, completeness: 0.9, coveredRemaining: 2, coveredRemoved: 1, coveredCore: 0 },
};

function json(body: unknown, type = "application/json", extra: Record<string, string> = {}) {
  return { headers: new Headers({ "Content-Type": type, "RateLimit-Limit": "600", "RateLimit-Remaining": "599", ...extra }), body: JSON.stringify(body) };
}

const problem = { type: "about:blank", title: "Not found", status: 404, detail: "Organisation not found" };

describe("the API contract check", () => {
  it("passes a response the document describes", () => {
    expect(checker.check({ method: "GET", path: "/api/v1/organisations/7", status: 200, ...json(organisation) })).toEqual(organisation);
    expect(() => checker.check({ method: "GET", path: "/api/v1/organisations?limit=1", status: 200, ...json({ items: [organisation], nextCursor: null }) })).not.toThrow();
    expect(() => checker.check({ method: "GET", path: "http://localhost:3000/api/v1/organisations/7", status: 404, ...json(problem, "application/problem+json") })).not.toThrow();
  });

  it.each([
    ["an undocumented status", { status: 418, ...json(organisation) }, /documents only 200, 401, 403, 404, 429/],
    ["a server error", { status: 500, ...json({ ...problem, status: 500 }, "application/problem+json") }, /documents only/],
    ["a missing field", { status: 200, ...json({ ...organisation, name: undefined }) }, /lacks the required property name/],
    ["a wrong type", { status: 200, ...json({ ...organisation, id: "7" }) }, /\/id must be integer/],
    ["a value outside the enum", { status: 200, ...json({ ...organisation, status: "PURPLE" }) }, /\/status must be equal to one of the allowed values/],
    ["a nested wrong type", { status: 200, ...json({ ...organisation, figures: { ...organisation.figures, completeness: "high" } }) }, /\/figures\/completeness must be number/],
    ["a property the document does not name", { status: 200, ...json({ ...organisation, secret: "x" }) }, /property the document does not name: secret/],
    ["a problem as plain JSON", { status: 404, ...json(problem) }, /Content-Type is application\/json, but .* documents application\/problem\+json for 404/],
    ["a record as a problem", { status: 200, ...json(organisation, "application/problem+json") }, /documents application\/json for 200/],
    ["no Content-Type", { status: 200, headers: new Headers({ "RateLimit-Limit": "1", "RateLimit-Remaining": "0" }), body: JSON.stringify(organisation) }, /Content-Type is missing/],
    ["a body that is not JSON", { status: 200, headers: json({}).headers, body: "<html>" }, /not JSON/],
    ["a problem without its detail", { status: 404, ...json({ type: "about:blank", title: "Not found", status: 404 }, "application/problem+json") }, /lacks the required property detail/],
    ["a success without the rate limit headers", { status: 200, headers: new Headers({ "Content-Type": "application/json" }), body: JSON.stringify(organisation) }, /header RateLimit-Limit as required/],
    ["a 429 without Retry-After", { status: 429, ...json({ ...problem, status: 429 }, "application/problem+json") }, /header Retry-After as required/],
  ])("fails %s", (_, response, message) => {
    const check = () => checker.check({ method: "GET", path: "/api/v1/organisations/7", ...response });
    expect(check).toThrow(ContractViolation);
    expect(check).toThrow(message);
  });

  it("fails an operation the document does not have", () => {
    expect(() => checker.check({ method: "DELETE", path: "/api/v1/organisations/7", status: 204, headers: new Headers(), body: "" })).toThrow(/no operation for DELETE \/api\/v1\/organisations\/7 \(it documents GET there\)/);
    expect(() => checker.check({ method: "GET", path: "/api/v1/nothing", status: 200, ...json({}) })).toThrow(/no operation for GET/);
  });

  it("fails a wrong item inside a page", () => {
    expect(() => checker.check({ method: "GET", path: "/api/v1/organisations", status: 200, ...json({ items: [{ ...organisation, parentId: "HO" }], nextCursor: null }) })).toThrow(/\/items\/0\/parentId must be integer,null/);
    expect(() => checker.check({ method: "GET", path: "/api/v1/organisations", status: 200, ...json({ items: [] }) })).toThrow(/lacks the required property nextCursor/);
  });

  it("finds literal paths before templates", () => {
    const doc: OpenApiDocumentLike = {
      paths: {
        "/api/v1/things/{id}": { get: { operationId: "getThing", responses: {} } },
        "/api/v1/things/bulk": { get: { operationId: "bulkThings", responses: {} } },
      },
    };
    const found = contractChecker(doc).find("GET", "/api/v1/things/bulk?x=1");
    expect(found?.template).toBe("/api/v1/things/bulk");
    expect(contractChecker(doc).find("GET", "/api/v1/things/12")?.template).toBe("/api/v1/things/{id}");
    expect(contractChecker(doc).find("GET", "/api/v1/things/12/more")).toBeNull();
  });
});
