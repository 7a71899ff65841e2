import { route } from "@/lib/auth/route";
import { uploadDiscoveryFile } from "@/lib/data/discovery";
import { DISCOVERY_MESSAGES, MAX_DISCOVERY_BYTES } from "@/lib/discovery/limits";
import { claimImportSlot } from "@/lib/import/slots";
import { fieldErrors } from "@/lib/validation/field-errors";
import { discoveryUploadSchema } from "@/lib/validation/discovery";
import { parseUploadFileName } from "@/lib/validation/upload-file-name";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/** Back to the form, with the problem shown against its field. */
function refuse(field: string, message: string): Response {
  return redirect(`/discovery/new?error=${encodeURIComponent(field)}&message=${encodeURIComponent(message.slice(0, 300))}`);
}

/**
 * POST /api/discovery — the upload form's multipart post: a network scan or a camera list, and
 * the site or address ranges it covers. A scan is reconciled at once; a camera list goes on to
 * the choice of its columns. The body must say its length and is refused unread when too long,
 * and the upload holds one of the import's slots, so uploads cannot pile up in memory.
 */
export const POST = route("register:write", async (request, actor) => {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return refuse("file", "Upload the file with the form on this page");
  const length = Number(request.headers.get("content-length") ?? "NaN");
  if (!Number.isFinite(length)) return refuse("file", "The upload did not say how large it was: try again with another browser");
  if (length > MAX_DISCOVERY_BYTES + 64 * 1024) return refuse("file", DISCOVERY_MESSAGES.tooLarge);
  const claim = await claimImportSlot(actor.id);
  if (!claim.ok) return refuse("file", claim.error);
  try {
    const form = await request.formData().catch(() => null);
    if (!form) return refuse("file", "The upload could not be read: try again");
    const fields = discoveryUploadSchema.safeParse({
      kind: form.get("kind") ?? undefined,
      organisation: form.get("organisation") ?? undefined,
      coverage: form.get("coverage") ?? undefined,
      site: form.get("site") ?? undefined,
      ranges: form.get("ranges") ?? undefined,
    });
    if (!fields.success) {
      const [field, message] = Object.entries(fieldErrors(fields.error))[0] ?? ["file", "Check the form"];
      return refuse(field === "coverage" ? "site" : field, message);
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.name === "") return refuse("file", "Select a file to upload");
    const name = parseUploadFileName(file.name);
    if (!name.ok) return refuse("file", name.error);
    const input = fields.data;
    if (input.coverage === "site" && input.site === null) return refuse("site", "Choose the site the file covers");
    const outcome = await uploadDiscoveryFile(actor, {
      organisationId: input.organisation,
      siteId: input.coverage === "site" ? input.site : null,
      ranges: input.coverage === "ranges" ? input.ranges : null,
      kind: input.kind,
      filename: name.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!outcome.ok) return refuse(outcome.field, outcome.message);
    return redirect(outcome.state === "AWAITING_COLUMNS" ? `/discovery/${outcome.scanId}/columns` : `/discovery/${outcome.scanId}`);
  } finally {
    await claim.slot.release();
  }
});
