import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// A real OpenID Connect provider for the single sign-on specs (tests/support/oidc-provider.ts),
// and a second app server's port for the spec that turns password sign-in off.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 800);
// The mail server the app sends to: tests/e2e/invitations.spec.ts listens there (a real SMTP server,
// tests/support/mail-capture.ts) while it runs; at other times sending fails and is recorded.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 700);
const oidcProviders = JSON.stringify([
  { id: "test-idp", name: "Test Department", issuer: `http://127.0.0.1:${oidcPort}`, clientId: "ecr-e2e", clientSecret: "ecr-e2e-client-secret-0123456789abcdef" },
]);

export default defineConfig({
  testDir: "tests/e2e",
  // One server and one database for the run; embedded mode serves a single connection.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--headless=new", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [{
    command: "npx tsx tests/support/oidc-provider.ts",
    url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "ignore",
    env: {
      OIDC_TEST_PORT: String(oidcPort),
      OIDC_TEST_REDIRECT_URIS: [port, oidcPort + 1].map((p) => `http://localhost:${p}/api/auth/callback/test-idp`).join(","),
    },
  }, {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/accessibility`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // One JSON line per request would bury the test report; warnings and errors still show.
    // (tests/e2e/operations-logs.spec.ts checks the request lines on a server of its own.)
    env: {
      PORT: String(port),
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      OIDC_PROVIDERS: oidcProviders,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtpPort),
      MAIL_FROM: "Estate Camera Register <noreply@register.example.gov.uk>",
    },
  }],
});
