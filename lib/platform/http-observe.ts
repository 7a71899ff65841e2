// Every request the server answers (but the health checks) gets a request id, runs inside a
// request context the app can add the signed-in user to, and ends with one JSON log line and
// its metrics. The log line is built from an allow-list: no headers, no query string, no body,
// so passwords, tokens and cookie values cannot reach it.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/platform/log";
import { metrics } from "@/lib/platform/metrics";
import { runWithRequestContext, type RequestContext } from "@/lib/platform/request-context";

/** An incoming X-Request-Id is kept only when it is plainly an id (so it cannot forge log lines). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

export const MAX_PATH_LENGTH = 200;

/**
 * The path of a request target, without its query string or fragment (which can carry tokens),
 * with anything unprintable replaced and at most MAX_PATH_LENGTH characters.
 */
export function pathOf(url: string | undefined): string {
  let path = url ?? "";
  if (!path.startsWith("/")) {
    // Absolute-form targets (GET http://host/path) and anything stranger.
    try {
      path = new URL(path).pathname;
    } catch {
      return "(invalid)";
    }
  }
  path = path.replace(/[?#].*$/s, "").replace(/[^\x21-\x7e]/g, "?");
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}…` : path;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function methodLabel(method: string | undefined): string {
  const m = (method ?? "").toUpperCase();
  return METHODS.has(m) ? m : "OTHER";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]{1,64}$/;
const MAX_SEGMENTS = 6;
const MAX_ROUTES = 200;

/** One path segment as a metrics label: ids of any shape become ":id". */
function segmentLabel(segment: string): string {
  if (/^\d+$/.test(segment) || UUID.test(segment)) return ":id";
  // Generated ids and hashes: long, with digits, no punctuation but - and _.
  if (segment.length >= 16 && /\d/.test(segment) && /^[A-Za-z0-9_-]+$/.test(segment)) return ":id";
  return PLAIN_SEGMENT.test(segment) ? segment : ":param";
}

/** The path's shape (ids replaced), without regard to how many shapes have been seen. */
export function routeShape(path: string, status: number): string {
  if (status === 404) return "(not found)";
  if (path === "(invalid)") return path;
  if (path.startsWith("/_next/static/")) return "/_next/static/*";
  if (path.startsWith("/_next/") && path !== "/_next/image") return "/_next/*";
  const segments = path.replace(/…$/, "").split("/").filter(Boolean);
  const labels = segments.slice(0, MAX_SEGMENTS).map(segmentLabel);
  return `/${labels.join("/")}${segments.length > MAX_SEGMENTS ? "/*" : ""}`;
}

// Route shapes this process has answered successfully. Only a 2xx makes a new label: anyone can
// invent paths that draw a 404, a 403 or a redirect, and those share "(other)" until the route has
// served a page. The app has a few dozen routes; MAX_ROUTES is a backstop.
const routesSeen = new Set<string>();

/** The route label for metrics: the path's shape, unmatched paths grouped, bounded in number. */
export function routeLabel(path: string, status: number): string {
  const shape = routeShape(path, status);
  if (shape.startsWith("(") || routesSeen.has(shape)) return shape;
  if (status < 200 || status >= 300 || routesSeen.size >= MAX_ROUTES) return "(other)";
  routesSeen.add(shape);
  return shape;
}

/** Everything a request's log line may say: nothing else is ever written. */
export interface RequestLogLine {
  requestId: string;
  userId: number | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  bytes?: number;
  aborted?: true;
}

export interface RequestOutcome {
  context: RequestContext;
  method: string | undefined;
  url: string | undefined;
  status: number;
  durationMs: number;
  bytes?: number;
  aborted: boolean;
}

export function requestLogLine(o: RequestOutcome): RequestLogLine {
  const line: RequestLogLine = {
    requestId: o.context.requestId,
    userId: typeof o.context.userId === "number" ? o.context.userId : null,
    method: methodLabel(o.method),
    route: pathOf(o.url),
    status: o.status,
    durationMs: Math.round(o.durationMs * 10) / 10,
  };
  if (o.bytes !== undefined && Number.isFinite(o.bytes)) line.bytes = o.bytes;
  if (o.aborted) line.aborted = true;
  return line;
}

/** Status when the client went away before any answer was sent (as nginx logs it). */
export const CLIENT_CLOSED = 499;

/** Runs `handle` for one request with a request id, a log line when it ends, and metrics. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void> | void): Promise<void> | void {
  const started = process.hrtime.bigint();
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  const context: RequestContext = { requestId, userId: null };
  const socket = req.socket;
  const bytesBefore = socket?.bytesWritten ?? 0;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    const aborted = !res.writableFinished;
    const status = res.headersSent ? res.statusCode : CLIENT_CLOSED;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const bytes = socket ? Math.max(0, socket.bytesWritten - bytesBefore) : undefined;
    const line = requestLogLine({ context, method: req.method, url: req.url, status, durationMs, bytes, aborted });
    try {
      const m = metrics();
      const route = routeLabel(line.route, status);
      m.httpRequests.inc({ method: line.method, route, status: String(status) });
      m.httpDuration.observe({ method: line.method, route }, durationMs / 1000);
      if (status >= 500) logger().error(line, "request");
      else logger().info(line, "request");
    } catch {
      // Observing a request must never break answering it.
    }
  };
  res.once("finish", end);
  res.once("close", end);
  return runWithRequestContext(context, handle);
}
