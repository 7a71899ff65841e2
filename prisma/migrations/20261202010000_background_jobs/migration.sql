-- Background jobs move out of the server process's memory: each job's reasons, progress and outcome
-- are kept here, so any server process can show them and a restart forgets nothing. The queue that
-- hands the work to a process is pg-boss's, in its own schema (pgboss), created at start-up.
-- queued_kind holds the job's kind while it waits to start (null afterwards): its unique index is
-- what lets a further change join the job already waiting instead of queueing another.

-- CreateEnum
CREATE TYPE "background_job_state" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "background_jobs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reasons" TEXT[],
    "started_by" TEXT NOT NULL,
    "return_to" TEXT NOT NULL,
    "state" "background_job_state" NOT NULL DEFAULT 'queued',
    "queued_kind" TEXT,
    "phase" TEXT NOT NULL,
    "total" INTEGER,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "result" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "background_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "background_jobs_queued_kind_key" ON "background_jobs"("queued_kind");

-- CreateIndex
CREATE INDEX "background_jobs_created_at_idx" ON "background_jobs"("created_at");

