import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { query, registerFingerprint } from "./database";
import { expect, test } from "./fixtures";
import { expectApiContract } from "./support/api-contract";

// The bulk upsert over HTTP, through the served build and its proxy (proxy.ts), which passes at
// most 10 MB of a body on: 10,000 devices go through, and a body over the bulk limit is refused
// as too large, declared or not, never cut short into JSON that does not parse.

const port = Number(process.env.E2E_PORT ?? 3100);
const token = `ecr_${randomBytes(32).toString("base64url")}`;

test.beforeAll(async () => {
  // A token as the token page makes one (only its SHA-256 hash is stored), for the HO editor.
  const [editor] = await query<{ id: number }>("SELECT id FROM users WHERE email = 'editor@ho.example.gov.uk'");
  await query(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, access, created_by_id, expires_at)
     VALUES ($1, $2, $3, $4, 'READ_WRITE', $1, now() + interval '1 day')`,
    [editor!.id, `bulk e2e ${Date.now()}`, createHash("sha256").update(token).digest("hex"), token.slice(0, 8)],
  );
});

function devices(n: number, prefix: string, notes = "") {
  return Array.from({ length: n }, (_, i) => ({
    organisation: "HO", site_code: `${prefix}-${Math.floor(i / 50)}`, site_name: `${prefix} site ${Math.floor(i / 50)}`, address_line1: "1 Bulk Street",
    town: "Leeds", postcode: "LS1 4AP", sensitivity: "Not sensitive", system: "Main CCTV", kind: "Camera", brand: "Axis", model: "P3245-V",
    asset_tag: `${prefix}-AT-${i}`, installed_on: "2021-06-01", network: "Segregated", vendor_cloud: false, notes: notes || null,
  }));
}

/** A POST without Content-Length (chunked), as a client streaming its body would send it. */
function postChunked(path: string, body: Buffer): Promise<{ status: number; json: { status: number; detail: string } }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path, method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" } },
      (response) => {
        let text = "";
        response.on("data", (d: Buffer) => (text += d.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as { status: number; detail: string } }));
      },
    );
    request.on("error", reject);
    for (let i = 0; i < body.length; i += 256 * 1024) request.write(body.subarray(i, i + 256 * 1024));
    request.end();
  });
}

test("10,000 devices are upserted in one request over HTTP, and sending them again changes nothing", async ({ request }) => {
  test.setTimeout(180_000);
  const data = { devices: devices(10_000, "E2E-BULK") };
  const first = await request.post("/api/v1/devices/bulk", { headers: { Authorization: `Bearer ${token}` }, data, timeout: 150_000 });
  const result = (await expectApiContract(request, first, "POST")) as { created: number; sitesCreated: number };
  expect(first.status()).toBe(200);
  expect(result).toMatchObject({ created: 10_000, sitesCreated: 200 });
  const again = await request.post("/api/v1/devices/bulk", { headers: { Authorization: `Bearer ${token}` }, data, timeout: 150_000 });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 10_000 });
});

test("a body over the limit is refused as too large, with or without Content-Length; gzip is refused; nothing is written", async ({ request }) => {
  const before = await registerFingerprint();
  // About 12 MB: over the bulk limit and over what the proxy passes on.
  const big = Buffer.from(JSON.stringify({ devices: devices(10_000, "E2E-BIG", "n".repeat(1_100)) }));
  expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
  const declared = await request.post("/api/v1/devices/bulk", { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, data: big });
  expect(declared.status()).toBe(413);
  await expectApiContract(request, declared, "POST");
  const chunked = await postChunked("/api/v1/devices/bulk", big);
  expect(chunked.status).toBe(413);
  expect(chunked.json.detail).toMatch(/larger than 8 MB/);
  const gzip = await request.post("/api/v1/devices/bulk", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Encoding": "gzip" },
    data: gzipSync(JSON.stringify({ devices: devices(10, "E2E-GZ") })),
  });
  expect(gzip.status()).toBe(415);
  expect(await registerFingerprint()).toBe(before);
});
