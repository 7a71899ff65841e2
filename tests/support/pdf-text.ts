import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

const PDFTOTEXT = "/usr/bin/pdftotext";

/**
 * A PDF's text as poppler lays it out, pages separated by form feeds. `npm test` installs poppler
 * first (scripts/ensure-test-tools.sh); without it the test fails rather than quietly skipping.
 */
export async function pdfText(file: string): Promise<string> {
  if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: run \`bash scripts/ensure-test-tools.sh\` (npm test does)`);
  const { stdout } = await promisify(execFile)(PDFTOTEXT, ["-layout", file, "-"]);
  return stdout;
}
