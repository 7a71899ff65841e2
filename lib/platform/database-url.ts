import { env } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/platform/embedded-postgres";

/**
 * The database a command should use: DATABASE_URL when set, else the embedded PostgreSQL over the
 * data directory (started here, stopped by the caller).
 */
export async function resolveDatabase(): Promise<{ url: string; embedded: EmbeddedPostgres | null }> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres(e.DATA_DIR, e.EMBEDDED_DB_PORT);
  return { url: embedded.url, embedded };
}
