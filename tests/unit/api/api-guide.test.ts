import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import { contractChecker, type OpenApiDocumentLike } from "../../support/openapi-contract";

// docs/API.md's curl examples must be real: each names an operation of the document, with query
// parameters it documents, the If-Match it needs, and a JSON body its request schema accepts.

const document = openApiDocument();
const checker = contractChecker(document as OpenApiDocumentLike);
const guide = readFileSync(join(process.cwd(), "docs", "API.md"), "utf8");

interface Example { text: string; method: string; path: string; headers: string[]; body?: string }

function examples(): Example[] {
  const commands = guide.replace(/\\\n\s*/g, " ").split("\n").filter((line) => line.startsWith("curl "));
  return commands.map((text) => {
    const method = /-X (\w+)/.exec(text)?.[1] ?? "GET";
    const path = /"\$BASE(\/[^"]+)"/.exec(text)?.[1] ?? "";
    const headers = [...text.matchAll(/-H (?:"([^"]+)"|'([^']+)')/g)].map((m) => (m[1] ?? m[2])!);
    const body = /--data '([^']*)'/.exec(text)?.[1];
    return { text, method, path, headers, body };
  });
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const COMPONENTS = "https://estate-camera-register.invalid/guide/components";
ajv.addSchema({ $id: COMPONENTS, $defs: JSON.parse(JSON.stringify(document.components?.schemas ?? {}).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`)) as object });

describe("docs/API.md", () => {
  const found = examples();

  it("has curl examples for reading, paging, creating, changing with If-Match and the bulk upsert", () => {
    expect(found.length).toBeGreaterThanOrEqual(6);
    const ids = found.map((e) => checker.find(e.method, e.path)?.operation.operationId);
    expect(ids).toEqual(expect.arrayContaining(["listOrganisations", "listSites", "getDevice", "createSite", "updateDevice", "bulkUpsertDevices"]));
  });

  it.each(examples().map((e) => [`${e.method} ${e.path}`, e] as const))("%s is an operation of the document, sent as it asks", (_, example) => {
    const operation = checker.find(example.method, example.path)?.operation as
      | { parameters?: { in: string; name: string; schema?: object }[]; requestBody?: { content: Record<string, { schema: unknown }> } }
      | undefined;
    expect(operation, example.text).toBeDefined();
    const parameters = operation!.parameters ?? [];
    for (const [name, value] of new URL(example.path, "http://x").searchParams) {
      const parameter = parameters.find((p) => p.in === "query" && p.name === name);
      expect(parameter, `${example.text}: ${name}`).toBeDefined();
      if (parameter?.schema && name !== "cursor") {
        const coerced = /^\d+$/.test(value) ? Number(value) : value;
        expect(ajv.validate(parameter.schema, coerced), `${name}=${value}: ${ajv.errorsText()}`).toBe(true);
      }
    }
    expect(example.headers, example.text).toContain("Authorization: Bearer $TOKEN");
    if (parameters.some((p) => p.in === "header" && p.name === "If-Match")) expect(example.headers.some((h) => /^If-Match: "\d+"$/.test(h)), example.text).toBe(true);
    const schema = operation!.requestBody?.content["application/json"]?.schema;
    if (schema) {
      expect(example.body, `${example.text} needs a body`).toBeDefined();
      expect(example.headers).toContain("Content-Type: application/json");
      const body = JSON.parse(example.body!) as unknown;
      const valid = ajv.validate(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`)) as object, body);
      expect(valid, `${example.text}: ${ajv.errorsText()}`).toBe(true);
    } else {
      expect(example.body, example.text).toBeUndefined();
    }
  });

  it("shows a problem as the document's Problem schema", () => {
    const json = /```json\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(ajv.validate({ $ref: `${COMPONENTS}#/$defs/Problem` }, JSON.parse(json!))).toBe(true);
  });
});
