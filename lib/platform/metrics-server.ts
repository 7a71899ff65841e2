// CONTRACT STUB (lead): the observability helper fills this in; the export stays.
// In the primary process: serves every worker's metrics, added up, when METRICS_PORT is set.

export interface MetricsServer {
  close(): Promise<void>;
}

export async function startMetricsServer(): Promise<MetricsServer | null> {
  return null;
}
