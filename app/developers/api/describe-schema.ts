// The OpenAPI document's schemas in words, for the reference page: each field with its type,
// whether it is required, the values it takes, and its description.
type Json = Record<string, unknown>;

export interface FieldRow { name: string; type: string; required: boolean; description: string }

export function resolve(schema: unknown, components: Record<string, unknown>): Json {
  const s = (schema ?? {}) as Json;
  return typeof s.$ref === "string" ? resolve(components[s.$ref.replace("#/components/schemas/", "")], components) : s;
}

export function typeWords(schema: unknown, components: Record<string, unknown>): string {
  const s = resolve(schema, components);
  const ref = (schema as Json | undefined)?.$ref;
  if (typeof ref === "string") return ref.replace("#/components/schemas/", "");
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => (v === null ? "null" : String(v))).join(", ")}`;
  if (Array.isArray(s.anyOf)) return (s.anyOf as unknown[]).map((o) => typeWords(o, components)).join(" or ");
  const types = (Array.isArray(s.type) ? s.type : [s.type ?? "any"]) as string[];
  return types
    .map((t) => (t === "array" ? `list of ${typeWords(s.items, components)}` : t === "string" && s.format === "date" ? "date (YYYY-MM-DD)" : t))
    .join(" or ");
}

export function fieldsOf(schema: unknown, components: Record<string, unknown>): FieldRow[] {
  const s = resolve(schema, components);
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries((s.properties ?? {}) as Record<string, Json>).map(([name, property]) => ({
    name,
    type: typeWords(property, components),
    required: required.has(name),
    description: String(resolve(property, components).description ?? property.description ?? ""),
  }));
}
