import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

// poppler's own reading of a PDF, as a reader's software would see it. `npm test` installs poppler
// first (scripts/ensure-test-tools.sh); without it these fail rather than quietly skipping.

async function run(tool: "pdfinfo" | "pdftotext", args: string[]): Promise<string> {
  const path = `/usr/bin/${tool}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash scripts/ensure-test-tools.sh\` (npm test does)`);
  const { stdout } = await promisify(execFile)(path, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** `pdfinfo` as "Key: value" pairs (Title, Tagged, PDF version…). */
export async function pdfInfo(file: string): Promise<Map<string, string>> {
  const out = await run("pdfinfo", [file]);
  return new Map(out.split("\n").filter((l) => l.includes(":")).map((l) => {
    const i = l.indexOf(":");
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()] as const;
  }));
}

/** `pdfinfo -struct-text`: the structure tree as poppler reads it, one element or text per line. */
export async function pdfStructText(file: string): Promise<string> {
  return run("pdfinfo", ["-struct-text", file]);
}

/** The text in reading order as poppler extracts it (no layout), pages separated by form feeds. */
export async function pdfReadingText(file: string): Promise<string> {
  return run("pdftotext", [file, "-"]);
}
