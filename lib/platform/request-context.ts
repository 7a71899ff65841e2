// Who and which request the code running now belongs to, for the request's log line.
// No "server-only": the server entry (loaded by tsx) starts the context and the app (Next's
// bundle) fills in the user. They are separate copies of this module in one process, so the
// storage itself lives on globalThis under a registered symbol and both copies use the same one.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  /** The signed-in person's id once the app has resolved them; null for signed-out requests. */
  userId: number | null;
}

const KEY = Symbol.for("estate-camera-register.request-context");
const holder = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  holder[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return holder[KEY];
}

/** Runs `fn` with `context` as the current request's. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

/** The current request's context, or undefined outside a request (scripts, jobs, tests). */
export function currentRequestContext(): RequestContext | undefined {
  return storage().getStore();
}

/** Records who the current request is from; does nothing outside a request. */
export function setRequestUser(userId: number): void {
  const context = storage().getStore();
  if (context) context.userId = userId;
}
