// CONTRACT STUB (lead): the observability helper fills this in; the exports stay.
// Prometheus metrics of this process. No "server-only": the server entry and job workers use it.

/** A background job finished (kind: the queue's name). */
export function recordJob(_kind: string, _outcome: "completed" | "failed", _seconds: number): void {}
