// CONTRACT STUB (lead): the jobs helper fills this in; the exports stay.

/** Run once per start-up, as the database owner, before any server process starts: pg-boss's
 * schema and migrations, the queues and schedules, and the app role's grants on them. */
export async function prepareJobQueue(_ownerUrl: string, _options: { appRole: string; embedded: boolean }): Promise<void> {}

export interface JobWorkers {
  /** Stops taking new jobs and waits (up to graceMs) for the ones running here to finish. */
  stop(graceMs: number): Promise<void>;
  /** Whether this process's queue is started and polling. */
  running(): boolean;
}

/** In every server process, after the app is ready: starts pg-boss and the workers. */
export async function startJobWorkers(_options: { embedded: boolean }): Promise<JobWorkers> {
  return { stop: async () => {}, running: () => true };
}
