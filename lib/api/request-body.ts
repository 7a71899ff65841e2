// Reading a JSON request body without trusting it: a declared type of JSON, no compression (a
// small gzip body can unpack to gigabytes), a size cap enforced while reading (Content-Length can
// lie or be absent), strict UTF-8, and JSON that parses.

export class BodyProblem extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "BodyProblem";
  }
}

/** 1 MB: far more than any one record needs. */
export const RECORD_BODY_LIMIT = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

export async function readJsonBody(request: Request, limit = RECORD_BODY_LIMIT): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new BodyProblem(415, "Send the body as JSON, with the header Content-Type: application/json");
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") throw new BodyProblem(415, "Send the body uncompressed: Content-Encoding is not accepted");
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = `The body is larger than ${sizeText(limit)}: send fewer records at a time`;
  if (Number.isFinite(declared) && declared > limit) throw new BodyProblem(413, tooLarge);
  if (!request.body) throw new BodyProblem(400, "The request has no body: send the record as JSON");

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyProblem(413, tooLarge);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Buffer.concat(chunks));
  } catch {
    throw new BodyProblem(400, "The body is not valid UTF-8 text");
  }
  if (text.trim() === "") throw new BodyProblem(400, "The request has no body: send the record as JSON");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyProblem(400, "The body is not valid JSON");
  }
}

/** A body that must be one JSON object (a record), not an array, a string or null. */
export async function readJsonObject(request: Request, limit = RECORD_BODY_LIMIT): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, limit);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BodyProblem(400, "The body must be a JSON object");
  return body as Record<string, unknown>;
}
