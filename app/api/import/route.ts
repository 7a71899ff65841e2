import { route } from "@/lib/auth/route";
import { createImportBatch } from "@/lib/data/imports";
import { LIMIT_MESSAGES, MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { isProgressToken } from "@/lib/import/progress";
import { claimImportSlot } from "@/lib/import/slots";
import { uploadErrorCode } from "@/lib/import/upload-errors";
import { decodeFileNameHeader } from "@/lib/validation/upload-file-name";

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
  const fail = (error: string, status = 422) =>
    multipart ? redirect(`/import?error=${uploadErrorCode(error)}`) : Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

  // Refused before reading a byte when the browser says how big it is (multipart adds a little).
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return fail(LIMIT_MESSAGES.tooLarge, 413);

  if (!multipart) {
    const name = decodeFileNameHeader(request.headers.get("x-file-name"));
    if (!name.ok) return fail(name.error, 400);
    if (!request.body) return fail(LIMIT_MESSAGES.noFile, 400);
    const t = request.headers.get("x-progress-token");
    const outcome = await createImportBatch(actor, {
      filename: name.name,
      body: request.body as unknown as AsyncIterable<Uint8Array>,
      progressToken: isProgressToken(t) ? t : null,
    });
    if (!outcome.ok) return fail(outcome.error, outcome.busy ? 429 : 422);
    return Response.json({ batchId: outcome.batchId }, { headers: { "Cache-Control": "no-store" } });
  }

  // A form post's file is only reachable once the whole body is read, so the import slot is
  // claimed first, and the body must say its length (browsers always do): read without one, a
  // body could be any size.
  if (!request.headers.get("content-length")) return fail(LIMIT_MESSAGES.tooLarge, 411);
  const claim = await claimImportSlot(actor.id);
  if (!claim.ok) return fail(claim.error, 429);
  try {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File) || file.name === "") return fail(LIMIT_MESSAGES.noFile, 400);
    if (file.size === 0) return fail(LIMIT_MESSAGES.empty);
    const outcome = await createImportBatch(actor, {
      filename: file.name,
      body: file.stream() as unknown as AsyncIterable<Uint8Array>,
      slot: claim.slot,
    });
    return outcome.ok ? redirect(`/import/${outcome.batchId}`) : fail(outcome.error);
  } finally {
    await claim.slot.release();
  }
});
