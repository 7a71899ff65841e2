-- Returns and attestation: the Cabinet Office's rounds, each department's return and its
-- attestations, accountable officials, notifications (in the service and by email, each event once
-- per person) and invitations to set a first password.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "accountable_official" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "emails_off" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "return_rounds" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "as_of" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "declarations" JSONB NOT NULL,
    "opened_by" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "return_rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_departments" (
    "id" SERIAL NOT NULL,
    "round_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "draft_answers" JSONB,
    "draft_comment" TEXT,
    "check_needed" BOOLEAN NOT NULL DEFAULT false,
    "current_hash" TEXT,
    "checked_at" TIMESTAMPTZ(3),

    CONSTRAINT "return_departments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attestations" (
    "id" SERIAL NOT NULL,
    "return_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "official_name" TEXT NOT NULL,
    "official_email" TEXT NOT NULL,
    "attested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "figures_hash" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "results" JSONB NOT NULL,
    "answers" JSONB NOT NULL,
    "comment" TEXT,

    CONSTRAINT "attestations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "email_claimed_at" TIMESTAMPTZ(3),
    "emailed_at" TIMESTAMPTZ(3),
    "email_error" TEXT,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "return_rounds_opened_at_idx" ON "return_rounds"("opened_at");

-- CreateIndex
CREATE INDEX "return_departments_organisation_id_idx" ON "return_departments"("organisation_id");

-- CreateIndex
CREATE INDEX "return_departments_check_needed_idx" ON "return_departments"("check_needed");

-- CreateIndex
CREATE UNIQUE INDEX "return_departments_round_id_organisation_id_key" ON "return_departments"("round_id", "organisation_id");

-- CreateIndex
CREATE INDEX "attestations_return_id_attested_at_idx" ON "attestations"("return_id", "attested_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_event_key_key" ON "notifications"("user_id", "event_key");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_user_id_idx" ON "invitations"("user_id");

-- AddForeignKey
ALTER TABLE "return_departments" ADD CONSTRAINT "return_departments_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "return_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_departments" ADD CONSTRAINT "return_departments_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "return_departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

