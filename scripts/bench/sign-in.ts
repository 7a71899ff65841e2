// Signs the benchmarks in as the Cabinet Office analyst through next-auth's own endpoints, and
// returns the cookies a signed-in browser would send.
export async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    // A sign-in is a change: it must say it comes from the service's own origin.
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: new URL(base).origin },
    body: new URLSearchParams({ csrfToken, email: "analyst@cabinetoffice.example.gov.uk", password: "Demo-password-2026", json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.includes("session-token"));
  if (!session) throw new Error("sign-in failed");
  return `${cookie}; ${session}`;
}
