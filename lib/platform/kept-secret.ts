import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A secret the operator may configure; without one, made once and kept with the data (readable by
 * its owner only), so it survives restarts without any setup.
 */
export function keptSecret(dataDir: string, fileName: string, configured: string | undefined, bytes: number): string {
  if (configured) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(bytes).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
