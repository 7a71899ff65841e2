// The web server's own database role. DATABASE_URL's user owns the schema and runs migrations;
// the web server connects as a role (ecr_app by default) that can read and write rows but change
// no table, and that may only add to and read the audit trail. Start-up and `npm run db:migrate`
// call provisionAppRole after every migration, so tables added later are granted too.
// Decision record: docs/decisions/0004-least-privilege-role-and-audit-chain.md.
import pg from "pg";
import { withClient } from "@/lib/platform/database";
import { StartupError } from "@/lib/platform/embedded-postgres";
import { keptSecret } from "@/lib/platform/kept-secret";

/** Tables the app may only read and add to, and tables it may not touch at all. */
const APPEND_ONLY_TABLES = ["audit_events"];
const HIDDEN_TABLES = ["_prisma_migrations"];

/** The app role's password: the configured one, else one generated once and kept with the data. */
export function appRolePassword(dataDir: string, configured: string | undefined): string {
  return keptSecret(dataDir, "db-app-password", configured, 24);
}

/** The owner's URL with the app role's name and password in place of the owner's. */
export function appRoleUrl(ownerUrl: string, role: string, password: string | null): string {
  const u = new URL(ownerUrl);
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : "";
  return u.toString();
}

function code(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

async function canSignIn(url: string): Promise<{ ok: true } | { ok: false; code: string | undefined; message: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return { ok: true };
  } catch (error) {
    return { ok: false, code: code(error), message: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface AppRoleOptions {
  role: string;
  /** Null in embedded mode, whose server asks for no password. */
  password: string | null;
  embedded: boolean;
}

/**
 * Makes sure the app role exists, can sign in with its password, and holds exactly the grants the
 * app needs in DATABASE_URL's database and schema; returns the URL the web server should use.
 * Idempotent, and safe when several processes start at once on one server.
 */
export async function provisionAppRole(ownerUrl: string, { role, password, embedded }: AppRoleOptions): Promise<string> {
  const appUrl = appRoleUrl(ownerUrl, role, password);
  await withClient(ownerUrl, async (c) => {
    const ident = c.escapeIdentifier(role);
    const exists = async () => (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    let created = false;
    if (!(await exists())) {
      try {
        await c.query(
          `CREATE ROLE ${ident} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION` +
            (password ? ` PASSWORD ${c.escapeLiteral(password)}` : ""),
        );
        created = true;
      } catch (error) {
        // Another process created it at the same moment (roles are shared by every database on a server).
        if (!(await exists())) {
          throw new StartupError(
            `Cannot create the database role ${role} for the web server (${(error as Error).message}). ` +
              `Give DATABASE_URL's user the CREATEROLE attribute, or have your database administrator create it: ` +
              `CREATE ROLE ${role} LOGIN PASSWORD '…', and set DATABASE_APP_PASSWORD to its password.`,
          );
        }
      }
    }
    if (!created && !embedded && password) {
      const first = await canSignIn(appUrl);
      if (!first.ok) {
        try {
          await c.query(`ALTER ROLE ${ident} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
        } catch (error) {
          throw new StartupError(
            `The database role ${role} cannot sign in (${first.message}) and its password cannot be set (${(error as Error).message}). ` +
              `Set DATABASE_APP_PASSWORD to its password.`,
          );
        }
        const second = await canSignIn(appUrl);
        if (!second.ok) throw new StartupError(`The database role ${role} cannot sign in: ${second.message}. Check the server's pg_hba.conf.`);
      }
    }
    await grantAppPrivileges(c, role);
  });
  return appUrl;
}

/** Grants the app role what it needs and nothing else, replacing whatever it held before. */
async function grantAppPrivileges(c: pg.Client, role: string): Promise<void> {
  const where = await c.query<{ schema: string; database: string }>("SELECT current_schema() AS schema, current_database() AS database");
  const schema = c.escapeIdentifier(where.rows[0]!.schema);
  const database = c.escapeIdentifier(where.rows[0]!.database);
  const r = c.escapeIdentifier(role);
  const table = (name: string) => `${schema}.${c.escapeIdentifier(name)}`;
  const existing = await c.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY($1::text[])",
    [[...APPEND_ONLY_TABLES, ...HIDDEN_TABLES]],
  );
  const present = new Set(existing.rows.map((x) => x.name));
  const statements = [
    // Concurrent GRANTs on one object fail with "tuple concurrently updated": one process at a time.
    "SELECT pg_advisory_xact_lock(4242003)",
    // No DDL for anyone but the owner: PostgreSQL before 15 let every role create in public.
    `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA ${schema} FROM ${r}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${r}`,
    `REVOKE CREATE ON DATABASE ${database} FROM ${r}`,
    // Imports stage rows in a temporary table.
    `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${r}`,
    ...APPEND_ONLY_TABLES.filter((t) => present.has(t)).map((t) => `REVOKE UPDATE, DELETE ON ${table(t)} FROM ${r}`),
    ...HIDDEN_TABLES.filter((t) => present.has(t)).map((t) => `REVOKE ALL ON ${table(t)} FROM ${r}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`,
  ];
  await c.query("BEGIN");
  try {
    for (const statement of statements) await c.query(statement);
    await c.query("COMMIT");
  } catch (error) {
    await c.query("ROLLBACK").catch(() => {});
    throw new StartupError(`Cannot grant the database role ${role} its privileges: ${(error as Error).message}`);
  }
}

export interface AppRoleCheck {
  role: string;
  superuser: boolean;
  /** Powers the app's connection has beyond what it needs, in plain English. */
  excess: string[];
}

/** What the web server's connection can actually do, asked of the database as that connection. */
export async function checkAppRole(appUrl: string, embedded: boolean): Promise<AppRoleCheck> {
  return withClient(appUrl, async (c) => {
    if (embedded) await c.query(`SET ROLE ${c.escapeIdentifier(decodeURIComponent(new URL(appUrl).username))}`);
    try {
      return await describeRole(c);
    } finally {
      // The embedded session is shared by every connection: give it back as it was.
      if (embedded) await c.query("RESET ROLE");
    }
  });
}

async function describeRole(c: pg.Client): Promise<AppRoleCheck> {
  const r = await c.query<{
    role: string; superuser: boolean; createrole: boolean; createdb: boolean; bypassrls: boolean;
    schema_create: boolean; database_create: boolean; audit_rewrite: boolean;
  }>(`
    SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
           r.rolbypassrls AS bypassrls,
           has_schema_privilege(current_schema(), 'CREATE') AS schema_create,
           has_database_privilege(current_database(), 'CREATE') AS database_create,
           COALESCE(to_regclass('audit_events') IS NOT NULL AND (
             has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
             OR has_table_privilege('audit_events', 'TRUNCATE')), false) AS audit_rewrite
    FROM pg_roles r WHERE r.rolname = current_user`);
  const row = r.rows[0]!;
  const excess = [
    row.superuser && "it is a superuser",
    row.createrole && "it can create roles",
    row.createdb && "it can create databases",
    row.bypassrls && "it bypasses row-level security",
    row.schema_create && "it can create tables",
    row.database_create && "it can create schemas",
    row.audit_rewrite && "it can change or delete audit events",
  ].filter((x): x is string => typeof x === "string");
  return { role: row.role, superuser: row.superuser, excess };
}

/**
 * Start-up's verdict on the web server's role: against a server in production a superuser is
 * refused (it could turn off the audit trail's triggers and rewrite history, and reads every row
 * whatever the app's checks say); anything else too powerful is reported.
 */
export function appRoleVerdict(check: AppRoleCheck, production: boolean, embedded: boolean): { refuse: string | null; warnings: string[] } {
  if (check.superuser && production && !embedded) {
    return {
      refuse:
        `Refusing to start: the web server's database role ${check.role} is a superuser, which can read and change ` +
        `everything and turn off the audit trail's protection. Run ALTER ROLE ${check.role} NOSUPERUSER, or set ` +
        `DATABASE_APP_ROLE to a role that is not a superuser.`,
      warnings: [],
    };
  }
  return {
    refuse: null,
    warnings: check.excess.length
      ? [`the web server's database role ${check.role} has more power than it needs: ${check.excess.join(", ")}.`]
      : [],
  };
}

/**
 * Start-up's whole step: provision the role, check what its connection can do, refuse or warn,
 * and return the URL the web server connects with.
 */
export async function prepareAppRole(
  ownerUrl: string,
  options: AppRoleOptions & { production: boolean; log: (line: string) => void },
): Promise<string> {
  const appUrl = await provisionAppRole(ownerUrl, options);
  const verdict = appRoleVerdict(await checkAppRole(appUrl, options.embedded), options.production, options.embedded);
  if (verdict.refuse) throw new StartupError(verdict.refuse);
  for (const warning of verdict.warnings) options.log(`warning: ${warning}`);
  options.log(
    options.embedded
      ? `web server runs as database role ${options.role} (SET ROLE in the embedded database's one session: a guard, not a boundary; use a PostgreSQL server in production)`
      : `web server connects as database role ${options.role}`,
  );
  return appUrl;
}
