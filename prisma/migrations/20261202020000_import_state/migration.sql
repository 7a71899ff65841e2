-- Import progress and import slots move from each server process's memory to the database, so
-- several processes can serve one register: a page polls progress from whichever process answers,
-- and the limits on imports at once hold across all of them.

-- CreateTable
CREATE TABLE "import_progress" (
    "token" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "batch_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_progress_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "import_slots" (
    "id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_slots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_progress_updated_at_idx" ON "import_progress"("updated_at");

-- CreateIndex
CREATE INDEX "import_slots_user_id_idx" ON "import_slots"("user_id");

-- CreateIndex
CREATE INDEX "import_slots_expires_at_idx" ON "import_slots"("expires_at");
