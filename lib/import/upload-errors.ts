// A plain form post is redirected back to the upload page with a code, never with free text, so
// the URL cannot be used to put words on the page.
import { LIMIT_MESSAGES } from "@/lib/import/limits";

export type UploadErrorCode = keyof typeof LIMIT_MESSAGES | "header";

export function uploadErrorCode(message: string): UploadErrorCode {
  for (const [code, text] of Object.entries(LIMIT_MESSAGES)) if (text === message) return code as UploadErrorCode;
  return "header";
}

export function uploadErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (code === "header") {
    return "The first row of the file must be the column names, each used once: download the template to see the columns";
  }
  return Object.prototype.hasOwnProperty.call(LIMIT_MESSAGES, code) ? LIMIT_MESSAGES[code as keyof typeof LIMIT_MESSAGES] : null;
}
