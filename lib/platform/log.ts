// CONTRACT STUB (lead): the observability helper replaces the body; the export stays.
// The service's one logger: JSON lines on stdout. No "server-only": scripts and the server use it.
import pino from "pino";
import { env } from "@/lib/env";

const KEY = Symbol.for("estate-camera-register.logger");
const holder = globalThis as unknown as { [KEY]?: pino.Logger };

export function logger(): pino.Logger {
  holder[KEY] ??= pino({ level: env().LOG_LEVEL });
  return holder[KEY];
}
