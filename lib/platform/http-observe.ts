// CONTRACT STUB (lead): the observability helper fills this in; the export stays.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Runs `handle` for one request with a request id, a log line when it ends, and metrics. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void> | void): Promise<void> | void {
  return handle();
}
