import { route } from "@/lib/auth/route";
import { createImportBatch } from "@/lib/data/imports";
import { LIMIT_MESSAGES, MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { isProgressToken } from "@/lib/import/progress";
import { uploadErrorCode } from "@/lib/import/upload-errors";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/**
 * POST /api/import — an upload to check. Two ways in: the page's script sends the file as the raw
 * body (with X-File-Name) and gets JSON back; without JavaScript the form posts multipart data and
 * is redirected to the preview, or back to the form with the problem.
 */
export const POST = route("register:write", async (request, actor) => {
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  const fail = (error: string) =>
    multipart ? redirect(`/import?error=${uploadErrorCode(error)}`) : Response.json({ error }, { status: 422, headers: { "Cache-Control": "no-store" } });

  // Refused before reading a byte when the browser says how big it is (multipart adds a little).
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return fail(LIMIT_MESSAGES.tooLarge);

  let filename: string;
  let body: AsyncIterable<Uint8Array>;
  let token: string | null = null;
  if (multipart) {
    const form = await request.formData();
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0 || file.name === "") return fail(file instanceof File && file.name !== "" ? LIMIT_MESSAGES.empty : LIMIT_MESSAGES.noFile);
    filename = file.name;
    body = file.stream() as unknown as AsyncIterable<Uint8Array>;
  } else {
    filename = decodeURIComponent(request.headers.get("x-file-name") ?? "");
    if (!filename || !request.body) return fail(LIMIT_MESSAGES.noFile);
    body = request.body as unknown as AsyncIterable<Uint8Array>;
    const t = request.headers.get("x-progress-token");
    token = isProgressToken(t) ? t : null;
  }

  const outcome = await createImportBatch(actor, { filename, body, progressToken: token });
  if (!outcome.ok) return fail(outcome.error);
  return multipart
    ? redirect(`/import/${outcome.batchId}`)
    : Response.json({ batchId: outcome.batchId }, { headers: { "Cache-Control": "no-store" } });
});
