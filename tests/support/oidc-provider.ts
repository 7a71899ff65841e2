// A real OpenID Connect provider on loopback for the single sign-on tests (tests/e2e/sso.spec.ts):
// the `oidc-provider` package with one client, RS256 ID tokens, PKCE required, and a plain sign-in
// page of its own where a test types which of the provider's people it is. Started by Playwright
// (playwright.config.ts) before the app. Settings come from the environment:
//   OIDC_TEST_PORT            the port (the issuer is http://127.0.0.1:<port>)
//   OIDC_TEST_REDIRECT_URIS   the app's callback addresses, comma-separated
//   OIDC_TEST_CODE_TTL        seconds an authorisation code lives (short, so a test can outlive one)
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";

const TEST_CLIENT_ID = "ecr-e2e";
const TEST_CLIENT_SECRET = "ecr-e2e-client-secret-0123456789abcdef";

/** The provider's people: a provisioned verified address, an unknown one, a provisioned unverified one. */
const PROVIDER_PEOPLE: Record<string, { sub: string; email: string; email_verified: boolean; name: string }> = {
  "editor@ho.example.gov.uk": { sub: "ho-0001", email: "Editor@HO.example.gov.uk", email_verified: true, name: "Home Office editor" },
  "stranger@ho.example.gov.uk": { sub: "ho-0002", email: "stranger@ho.example.gov.uk", email_verified: true, name: "Someone without an account" },
  "viewer@ho.example.gov.uk": { sub: "ho-0003", email: "viewer@ho.example.gov.uk", email_verified: false, name: "Unverified viewer" },
  "analyst@cabinetoffice.example.gov.uk": { sub: "co-0001", email: "analyst@cabinetoffice.example.gov.uk", email_verified: true, name: "Cabinet Office analyst" },
};

function person(login: string) {
  return PROVIDER_PEOPLE[login.trim().toLowerCase()] ?? null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function main() {
  const port = Number(process.env.OIDC_TEST_PORT ?? 3900);
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? "").split(",").filter(Boolean);
  const codeTtl = Number(process.env.OIDC_TEST_CODE_TTL ?? 5);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        id_token_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [{ ...jwk, kid: "e2e", use: "sig", alg: "RS256" } as never] },
    cookies: { keys: ["e2e-provider-cookie-key-0123456789"] },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Otherwise the ID token carries only sub and nonce, and next-auth reads its claims from it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { AuthorizationCode: codeTtl, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const found = Object.values(PROVIDER_PEOPLE).find((p) => p.sub === sub);
      if (!found) return undefined;
      return { accountId: sub, claims: async () => ({ ...found }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html lang="en"><head><title>Test provider: sign in</title></head><body><main>
<h1>Test identity provider</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label for="login">Provider account</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Continue</button></form></main></body></html>`);
        return;
      }
      const body = await new Promise<string>((resolve) => {
        let text = "";
        req.on("data", (b: Buffer) => (text += b.toString()));
        req.on("end", () => resolve(text));
      });
      const who = person(new URLSearchParams(body).get("login") ?? "");
      if (!who) {
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "unknown account" }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: who.sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope("openid email profile");
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: who.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`Test provider: ${(error as Error).message}`);
    }
  });
  server.listen(port, "127.0.0.1", () => console.log(`test OpenID provider at ${issuer}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
