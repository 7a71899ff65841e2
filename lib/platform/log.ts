// The service's one logger: JSON lines on stdout, one object per line, for the platform's log
// shipper to collect. No "server-only": scripts and the server entry use it too.
//
// Secrets are kept out by never passing them in: the request line is built from an allow-list
// (lib/platform/http-observe.ts). `redact` is only a backstop for a careless call elsewhere.
import pino from "pino";
import { env } from "@/lib/env";

/** Field names that hold a secret wherever they appear. */
const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "confirmPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "apiKey",
  "secret",
  "clientSecret",
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "connectionString",
  "databaseUrl",
];

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
}

/** Each secret key at the top level and up to four objects deep (req.headers.cookie is two). */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const k = keyPath(key);
  const join = (prefix: string) => (k.startsWith("[") ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k, join("*"), join("*.*"), join("*.*.*"), join("*.*.*.*")];
});

export const REDACTED = "[redacted]";

/** A logger with the service's settings, writing to `destination` (stdout by default). */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      // Level names, not numbers, and ISO times: readable by people and by any log shipper.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    // Written asynchronously so a slow reader of stdout does not stall requests; pino flushes
    // what is buffered when the process exits.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

// One logger per process, though Next's bundle and the tsx-loaded server entry each load this module.
const KEY = Symbol.for("estate-camera-register.logger");
const holder = globalThis as unknown as { [KEY]?: pino.Logger };

export function logger(): pino.Logger {
  holder[KEY] ??= createLogger(env().LOG_LEVEL);
  return holder[KEY];
}
