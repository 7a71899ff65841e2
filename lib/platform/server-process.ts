// How the production web server's Node.js processes are started, shared by `npm start` and the
// benchmarks so that the benchmarks measure what is shipped.
//
// A larger young generation: server rendering allocates a great deal that dies within the request,
// and V8's default 16 MB semi-space collects (and prematurely promotes) it several times a request
// under load. 64 MB took the dashboard from about 84 to 100 requests a second with 20 concurrent
// (p95 305-317 ms to 232-257 ms) on a 2-core machine, for at most ~190 MB more memory.
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=64";

// Records each request's real TCP peer for sign-in throttling (see lib/auth/client-address.ts).
// Relative to the server's working directory, the project root.
export const PEER_ADDRESS_PRELOAD = "--require=./scripts/peer-address.cjs";

/** NODE_OPTIONS for the server: the caller's own options, then ours. */
export function serverNodeOptions(existing: string | undefined): string {
  return [existing, SERVER_NODE_OPTIONS, PEER_ADDRESS_PRELOAD].filter(Boolean).join(" ");
}

// Each worker runs scripts/server.ts, TypeScript loaded by tsx as `npm start` itself is.
export const SERVER_ENTRY = "scripts/server.ts";
export const SERVER_EXEC_ARGV = ["--import", "tsx"];
