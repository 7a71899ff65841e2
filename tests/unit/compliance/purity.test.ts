import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * lib/compliance must stay pure so that every caller (pages, imports, batch jobs, tests) gets the
 * same answer for the same facts. These checks fail the build if a clock, I/O or a framework creeps in.
 */
const ROOT = join(__dirname, "../../../lib/compliance");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const sources = files(ROOT).filter((p) => p.endsWith(".ts"));
const code = (p: string) => readFileSync(p, "utf8");
/** Source without comments and string literals, so prose such as "any building" is not code. */
const bare = (p: string) =>
  code(p)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');

describe("lib/compliance purity", () => {
  it("has TypeScript sources to check", () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  it.each(sources.map((p) => [relative(ROOT, p), p]))("%s imports nothing but its own modules", (_name, p) => {
    const imports = [...code(p).matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    for (const spec of imports) expect(spec, spec).toMatch(/^\.\.?\//);
    expect(code(p)).not.toMatch(/\brequire\(/);
  });

  it.each(sources.map((p) => [relative(ROOT, p), p]))("%s reads no clock, no randomness and no environment", (_name, p) => {
    const src = bare(p);
    expect(src).not.toMatch(/Date\.now\s*\(/);
    expect(src).not.toMatch(/new Date\s*\(\s*\)/);
    expect(src).not.toMatch(/Math\.random\s*\(/);
    expect(src).not.toMatch(/performance\.now|process\.|globalThis|fetch\(/);
    // Locale-dependent text functions would make output depend on the machine's settings.
    expect(src).not.toMatch(/localeCompare|toLocale\w*\(|Intl\./);
    expect(src).not.toMatch(/(:\s*any\b|<any>|\bas any\b|\bany\[\])/);
  });

  it("uses kebab-case file names", () => {
    for (const p of sources) expect(relative(ROOT, p)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
  });
});
