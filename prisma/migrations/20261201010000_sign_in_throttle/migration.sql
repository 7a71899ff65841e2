-- Sign-in throttling with growing delays, counted in the database so it holds across server
-- processes, replaces the 15-minute lock-out kept on each account (which only known accounts could
-- reach, and which anyone could set off against a colleague with five guesses).

-- AlterTable
ALTER TABLE "users" DROP COLUMN "failed_attempts",
DROP COLUMN "locked_until";

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(6),
    "last_attempt" UUID,

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("kind","subject")
);

-- CreateIndex
CREATE INDEX "sign_in_throttle_last_failure_at_idx" ON "sign_in_throttle"("last_failure_at");
