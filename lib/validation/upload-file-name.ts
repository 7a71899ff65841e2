// The name of an uploaded file, as it is stored with the batch and shown back. The page's script
// sends it percent-encoded in a header; a form post carries it in the multipart body. Either way
// it is untrusted text: a path is cut to its last part, and a name that cannot be stored or shown
// as it is (control characters, broken encoding, half a surrogate pair) or is too long is refused
// with a message, never shortened or altered behind the person's back.
import { LIMIT_MESSAGES, MAX_FILE_NAME_LENGTH } from "@/lib/import/limits";

export type FileNameResult = { ok: true; name: string } | { ok: false; error: string };

// C0 and C1 control characters, DEL, the line and paragraph separators, and half a surrogate pair
// (which PostgreSQL cannot store as UTF-8).
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes the X-File-Name header (encodeURIComponent of the name). */
export function decodeFileNameHeader(header: string | null): FileNameResult {
  if (header === null || header === "") return { ok: false, error: LIMIT_MESSAGES.noFile };
  try {
    return parseUploadFileName(decodeURIComponent(header));
  } catch {
    return { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable };
  }
}

export function parseUploadFileName(raw: string): FileNameResult {
  if (UNSHOWABLE.test(raw)) return { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable };
  const name = raw.replace(/\\/g, "/").split("/").pop()!.normalize("NFC").trim();
  if (name === "") return { ok: false, error: LIMIT_MESSAGES.noFile };
  if ([...name].length > MAX_FILE_NAME_LENGTH) return { ok: false, error: LIMIT_MESSAGES.fileNameTooLong };
  return { ok: true, name };
}
