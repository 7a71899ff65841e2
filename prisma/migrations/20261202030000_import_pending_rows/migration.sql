-- The rows of a checked upload wait for its confirmation in the database instead of a file on the
-- disk of the server process that checked it, so the confirmation can reach any process on any
-- machine. Each row of this table is a chunk of a few thousand rows as gzip'd NDJSON.

-- CreateTable
CREATE TABLE "import_pending_rows" (
    "batch_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_pending_rows_pkey" PRIMARY KEY ("batch_id","seq")
);

-- AddForeignKey
ALTER TABLE "import_pending_rows" ADD CONSTRAINT "import_pending_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
