import { inject } from "vitest";

// Point the app's own database access (lib/db.ts, through lib/env.ts) at the run's test database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.EMBEDDED = inject("embedded") ? "1" : "0";
// The service's info lines (jobs started, finished) would bury the test report; warnings still show.
process.env.LOG_LEVEL ??= "warn";
