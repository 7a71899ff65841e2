// Capturing a form's server action request in the browser, and sending it again with another
// session: how the end-to-end tests show that a replayed or forged post is refused on the server.
import { expect, type Browser, type Page, type Route } from "@playwright/test";
import { signInAs } from "../fixtures";

export interface Captured {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The server action request the browser sends on submit, stopped before it reaches the server. */
export async function capture(page: Page, submit: () => Promise<void>): Promise<Captured> {
  const held: { request?: Captured } = {};
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() === "POST" && held.request === undefined) {
      held.request = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  };
  await page.route("**/*", handler);
  await submit();
  await expect.poll(() => held.request !== undefined).toBe(true);
  await page.unroute("**/*", handler);
  const request = held.request!;
  expect(request.headers["next-action"], "the form posts to a server action").toBeTruthy();
  return request;
}

export interface Replayed {
  status: number;
  /** Where the action sends the browser, if anywhere. */
  redirect: string;
}

/** Sends the captured request again with `who`'s session (a browser context of its own), or with none. */
export async function replay(browser: Browser, request: Captured, who: string | null): Promise<Replayed> {
  const context = await browser.newContext({ baseURL: new URL(request.url).origin });
  try {
    if (who) await signInAs(await context.newPage(), who);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (k !== "cookie" && k !== "content-length") headers[k] = v;
    if (cookie) headers.cookie = cookie;
    const response = await context.request.post(request.url, { headers, data: request.body, maxRedirects: 0 });
    const redirect = response.headers()["x-action-redirect"] ?? response.headers()["location"] ?? "";
    return { status: response.status(), redirect: redirect.replace(/^https?:\/\/[^/]+/, "") };
  } finally {
    await context.close();
  }
}
