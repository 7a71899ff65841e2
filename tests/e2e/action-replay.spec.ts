import { defaultSeedOptions, generateSeedData } from "@/lib/seed/generate";
// The plain Playwright test, not the fixture that fails on console errors: the captured request is
// aborted on purpose, and the browser logs that as a failed fetch.
import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

// A server action is an HTTP endpoint like any other: replaying an editor's "save site" request
// with another person's session must be refused by the server, and must change nothing.
const data = generateSeedData(defaultSeedOptions());
const HO = data.organisations.find((o) => o.acronym === "HO")!.id;
const site = data.sites.filter((s) => s.organisationId === HO)[3]!;

test("a replayed edit action is refused for a viewer, the minister's office and a signed-out visitor, and nothing changes", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto(`/sites/${site.id}/edit`);
  const newName = `${site.name} (replay check)`;
  await page.getByLabel("Site name").fill(newName);

  // Capture the action request the browser would send, without letting it through.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route(`**/sites/${site.id}/edit`, async (route) => {
    const request = route.request();
    if (request.method() === "POST") {
      captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: /Save/ }).click();
  await expect.poll(() => captured !== null).toBe(true);
  const request = captured!;
  const forward = (cookie: string | null) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (k !== "cookie" && k !== "content-length") headers[k] = v;
    if (cookie) headers.cookie = cookie;
    return headers;
  };

  const replay = async (who: string | null) => {
    const context = await browser.newContext({ baseURL: new URL(request.url).origin });
    const other = await context.newPage();
    if (who) await signInAs(other, who);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") || null;
    await context.request.post(request.url, { headers: forward(cookie), data: request.body, maxRedirects: 0 });
    await context.close();
  };
  const heading = async () => {
    await page.goto(`/sites/${site.id}`);
    return (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  };
  await page.unroute(`**/sites/${site.id}/edit`);

  for (const who of ["viewer@ho.example.gov.uk", "private.office@minister.example.gov.uk", "editor@moj.example.gov.uk", null]) {
    await replay(who);
    expect(await heading(), `after a replay as ${who ?? "a signed-out visitor"}`).not.toContain("(replay check)");
  }

  // The same request with the editor's own session goes through: the replay itself is sound.
  await replay("editor@ho.example.gov.uk");
  expect(await heading()).toContain(newName);
});
