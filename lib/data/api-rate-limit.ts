import "server-only";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";

// Requests per token per clock minute, counted in PostgreSQL so that every server process and
// every machine behind the load balancer shares one count. One statement counts the request and
// reads the total, so two requests at once cannot both take the last place.

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export async function takeApiRequest(tokenId: number, limitPerMinute: number): Promise<RateVerdict> {
  const pool = poolOf(db());
  const { rows } = await pool.query<{ requests: number; inserted: boolean; seconds_left: number }>(
    `INSERT INTO api_rate_windows (token_id, window_start, requests)
     VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (token_id, window_start) DO UPDATE SET requests = api_rate_windows.requests + 1
     RETURNING requests, (xmax = 0) AS inserted,
       CEIL(EXTRACT(EPOCH FROM (window_start + interval '1 minute' - now())))::int AS seconds_left`,
    [tokenId],
  );
  const row = rows[0]!;
  // A token's first request in a new minute clears its older windows: the table stays one row a token.
  if (row.inserted) await pool.query(`DELETE FROM api_rate_windows WHERE token_id = $1 AND window_start < date_trunc('minute', now())`, [tokenId]);
  if (row.requests > limitPerMinute) return { ok: false, retryAfterSeconds: Math.max(1, row.seconds_left) };
  return { ok: true, remaining: limitPerMinute - row.requests };
}
