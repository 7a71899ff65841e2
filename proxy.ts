import { NextResponse, type NextRequest } from "next/server";
import { checkOrigin } from "@/lib/auth/same-origin";
import { env, publicOrigin } from "@/lib/env";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/platform/security-headers";

// Runs before every page, server action and route handler.
//
// A request that changes something must come from our own pages. Route handlers check this again
// in route(); here it also covers server actions, which Next.js checks itself only by comparing
// Origin with Host, and answers with a 500 when they differ.
//
// The API (/api/v1) is exempt: it authenticates by bearer token only and never reads the session
// cookie, so a page elsewhere cannot borrow anyone's sign-in through it, and the programs that call
// it send no Origin (see lib/api/handler.ts).
//
// Every response gets a Content-Security-Policy with a fresh nonce. Next.js reads the policy from
// the request headers and puts the nonce on the scripts it renders.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function withTransportSecurity(response: NextResponse, https: boolean): NextResponse {
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function isTokenApi(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

export function proxy(request: NextRequest): NextResponse {
  const origin = publicOrigin();
  const https = origin.startsWith("https:");
  const nonce = newNonce();
  const formTargets = env().OIDC_PROVIDERS.map((p) => new URL(p.issuer).origin).filter((o) => o !== "null");
  const policy = contentSecurityPolicy(nonce, { development: env().NODE_ENV === "development", https, formTargets });

  if (!SAFE_METHODS.has(request.method) && !isTokenApi(request.nextUrl.pathname)) {
    const verdict = checkOrigin(request, origin);
    if (!verdict.ok) {
      const api = request.nextUrl.pathname.startsWith("/api/");
      const refusal = api
        ? NextResponse.json({ error: verdict.message }, { status: 403 })
        : new NextResponse(verdict.message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      refusal.headers.set("Cache-Control", "no-store");
      refusal.headers.set("Content-Security-Policy", policy);
      return withTransportSecurity(refusal, https);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return withTransportSecurity(response, https);
}

export const config = {
  // Not the build's static files, which carry no markup (next.config.js gives them the fixed headers).
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
