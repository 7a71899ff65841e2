// Request bodies made from the OpenAPI document's own schemas, for tests that must send a body the
// document accepts (so a refusal cannot be mistaken for a validation error) without knowing each
// operation: the schema's example when it has one, else the simplest value its type allows.
type Json = Record<string, unknown>;

export interface SchemaDocument {
  components?: { schemas?: Record<string, unknown> };
}

export function sampleOf(schema: unknown, document: SchemaDocument, depth = 0): unknown {
  if (typeof schema !== "object" || schema === null || depth > 12) return null;
  const s = schema as Json;
  if (typeof s.$ref === "string") return sampleOf(document.components?.schemas?.[s.$ref.replace("#/components/schemas/", "")], document, depth + 1);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null) ?? s.enum[0];
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(s[key])) {
      const options = s[key] as Json[];
      return sampleOf(options.find((o) => o.type !== "null") ?? options[0], document, depth + 1);
    }
  }
  if (Array.isArray(s.allOf)) return Object.assign({}, ...(s.allOf as unknown[]).map((part) => sampleOf(part, document, depth + 1) as object));
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== "null") : (s.type as string | undefined);
  switch (type) {
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      // Every property, not only the required ones: a form's rules can ask for a field the
      // schema leaves optional (a network, once a device is in service).
      return Object.fromEntries(Object.keys(properties).map((name) => [name, sampleOf(properties[name], document, depth + 1)]));
    }
    case "array":
      return Array.from({ length: Number(s.minItems ?? 0) }, () => sampleOf(s.items, document, depth + 1));
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
    case "boolean":
      return false;
    case "string": {
      if (s.format === "date") return "2026-01-15";
      if (s.format === "date-time") return "2026-01-15T10:00:00Z";
      if (s.format === "email") return "someone@example.gov.uk";
      if (s.format === "uri") return "https://example.gov.uk/";
      const min = Number(s.minLength ?? 1);
      return "Example".padEnd(Math.max(min, 7), "x").slice(0, typeof s.maxLength === "number" ? Math.max(min, s.maxLength) : undefined);
    }
    default:
      return null;
  }
}
