// The service's one logger: JSON lines on stdout, one object per line, for the platform's log
// shipper to collect. No "server-only": scripts and the server entry use it too.
//
// Secrets are kept out by never passing them in: the request line is built from an allow-list
// (lib/platform/http-observe.ts). Redaction of secret-named fields is only a backstop for a
// careless call elsewhere.
import pino from "pino";
import { env } from "@/lib/env";

// A field whose name says it holds a secret, at any depth: "password", "newPassword", "token",
// "csrfToken", "authorization", "cookie", "set-cookie", "apiKey", "DATABASE_URL"...
const SECRET_KEY = /password|passwd|passphrase|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|connection[-_]?string|database[-_]?url|private[-_]?key/i;
const MAX_DEPTH = 8;

export const REDACTED = "[redacted]";

/**
 * `value` with every secret-named field's value replaced, at any depth of plain objects and
 * arrays. Returns `value` itself when there was nothing to replace (the usual case, so a request
 * line costs a few key tests); never changes what it was given.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const next = redactSecrets(item, depth + 1);
      if (next !== item) (copy ??= value.slice())[i] = next;
    });
    return (copy ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  // Errors, dates, buffers and class instances keep their shape for pino's serialisers.
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = item !== undefined && item !== null && SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1);
    if (next !== item) (copy ??= { ...record })[key] = next;
  }
  return (copy ?? value) as T;
}

// pino's own redaction, for its path syntax, on the usual places: top-level fields and request
// and response headers. Fixed paths only: its wildcard paths cost over 100 µs a line, measured.
export const REDACT_PATHS: string[] = [
  "password",
  "token",
  "secret",
  "authorization",
  "cookie",
  ...["req", "res", "request", "response"].flatMap((o) => [`${o}.headers.authorization`, `${o}.headers.cookie`, `${o}.headers["set-cookie"]`]),
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
];

/** A logger with the service's settings, writing to `destination` (stdout by default). */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      // Level names, not numbers, and ISO times: readable by people and by any log shipper.
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) },
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
