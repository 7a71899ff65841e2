import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

// The only reader of process.env. Every setting is validated once, and a bad one stops start-up
// with a single line naming it.

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgresql:// URL")
      .optional(),
  )
  .optional();

const port = z.coerce.number().int().min(1).max(65535);

/** One OpenID Connect provider a department signs its staff in with. */
const oidcProvider = z.object({
  // Appears in the callback address (/api/auth/callback/<id>) and in the audit trail.
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "id must be 2 to 40 lower-case letters, digits or hyphens"),
  // Shown on the sign-in button: "Use your <name> account".
  name: z.string().trim().min(1).max(60),
  issuer: z.url("issuer must be a URL"),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  // Entra ID usually sends no email_verified claim: a department may vouch for its directory's
  // addresses instead. Otherwise an email not marked verified is refused.
  trustEmails: z.boolean().default(false),
}).strict();

const oidcProviders = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return [];
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of providers" });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(oidcProvider).max(20).refine((list) => new Set(list.map((p) => p.id)).size === list.length, "each provider needs its own id"),
  );
export type OidcProviderSetting = z.infer<typeof oidcProvider>;


const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalUrl,
  PORT: port.default(3000),
  // The address the web server listens on: 0.0.0.0 behind a load balancer or in a container.
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  EMBEDDED_DB_PORT: port.default(54329),
  DATA_DIR: z.string().min(1).default(".data"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("must be a URL such as http://localhost:3000").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24).default(8),
  // At least 2: a session's last activity is written at most once a minute.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(2).max(24 * 60).default(30),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).optional(),
  // The least-privileged role the web server connects as (DATABASE_URL's user owns the schema and
  // runs migrations): see lib/platform/app-role.ts.
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case PostgreSQL role name such as ecr_app")
    .refine((v) => !v.startsWith("pg_") && v !== "postgres", "must not be a built-in role")
    .default("ecr_app"),
  DATABASE_APP_PASSWORD: z.string().min(16, "must be at least 16 characters").max(200, "must be at most 200 characters").optional(),
  // Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly,
  // and X-Forwarded-For is ignored as something any client can write).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  EMBEDDED: z.enum(["0", "1"]).optional(),
  SEED_DEVICES: z.coerce.number().int().min(0).optional(),
  // Server worker processes behind the one port (default: the machine's cores; always 1 embedded).
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  // How long SIGTERM waits for requests and background jobs in flight before the process exits.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  // On SIGTERM, how long each process keeps serving while /readyz answers 503, so a load balancer
  // stops sending it requests before it stops accepting them (0: stop accepting at once).
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(300).default(0),
  // Prometheus metrics: off unless a port is given; a token, when set, is required as a bearer.
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  // The production build's directory (next.config.js reads the same variable); the default suits all but
  // parallel builds on one machine.
  NEXT_DIST_DIR: z.string().trim().regex(/^\.next[A-Za-z0-9_-]*$/, "must be .next or start with .next").default(".next"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // When the daily evaluation runs (cron, Europe/London). Tests set a shorter schedule.
  DAILY_EVALUATION_CRON: z.string().trim().min(9).max(100).default("15 0 * * *"),
  // Single sign-on: a JSON array of OpenID Connect providers (see docs/OPERATIONS.md).
  OIDC_PROVIDERS: oidcProviders.default([]),
  // "off" leaves single sign-on as the only way in (only allowed when a provider is configured).
  PASSWORD_SIGN_IN: z.enum(["on", "off"]).default("on"),
  // Roles whose password accounts must use a second factor, comma-separated. Administrators always must.
  MFA_REQUIRED_ROLES: z
    .string()
    .trim()
    .transform((text) => text.split(",").map((r) => r.trim()).filter((r) => r !== ""))
    .pipe(z.array(z.enum(ROLES, "must list roles such as ADMIN,ESTATES_EDITOR")))
    .transform((roles) => [...new Set([...roles, "ADMIN" as const])])
    .default(["ADMIN"]),
  // Email (docs/OPERATIONS.md, "Email"). With no SMTP_HOST no email is sent: notifications still
  // appear in the service, and start-up logs that once.
  SMTP_HOST: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, "must be a host name or IP address").optional())
    .optional(),
  SMTP_PORT: port.default(587),
  // "true": implicit TLS from the first byte (usually port 465). Otherwise STARTTLS is used when
  // the server offers it, and required when SMTP_REQUIRE_TLS is "true".
  SMTP_SECURE: z.enum(["true", "false"], "must be true or false").default("false").transform((v) => v === "true"),
  SMTP_REQUIRE_TLS: z.enum(["true", "false"], "must be true or false").default("false").transform((v) => v === "true"),
  SMTP_USER: z.string().trim().max(500).optional().transform((v) => (v ? v : undefined)),
  SMTP_PASSWORD: z.string().max(500).optional().transform((v) => (v ? v : undefined)),
  // The sender of every email, such as "Estate Camera Register <noreply@register.example.gov.uk>" or a bare address.
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .refine((v) => !/[\r\n\0]/.test(v), "must be on one line")
    .refine((v) => /^(?:[^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(v), "must be an email address, optionally as Name <address>")
    .default("Estate Camera Register <noreply@register.example.gov.uk>"),
  // When reminders are worked out and emailed (cron, Europe/London).
  NOTIFICATIONS_CRON: z.string().trim().min(9).max(100).default("30 6 * * *"),
  // API requests each token may make per minute before it is answered 429.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
}).refine((e) => e.PASSWORD_SIGN_IN === "on" || e.OIDC_PROVIDERS.length > 0, {
  path: ["PASSWORD_SIGN_IN"],
  message: "can only be off when OIDC_PROVIDERS names a provider",
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") ?? "configuration";
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The secret that signs sessions. Production must set one; in development and tests a fixed
 * value keeps sessions working without setup, and says so.
 */
export function authSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production") {
    // scripts/start.ts always provides one; reaching here means the server was started another way.
    throw new ConfigError("Configuration error: NEXTAUTH_SECRET is required in production");
  }
  return "development-only-secret-change-me-in-production-0000";
}

/**
 * The service's public address as an origin (scheme://host[:port]): what browsers send as
 * `Origin` from our own pages, and whether the service is served over https.
 */
export function publicOrigin(): string {
  const e = env();
  return new URL(e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).origin;
}
