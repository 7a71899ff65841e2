// What may be stored as text. PostgreSQL cannot store a NUL byte at all, other control characters
// corrupt exports and logs, and invisible formatting (zero-width characters, direction overrides)
// lets two names that look the same differ, or makes a name read differently from what is stored.
// Forms, the import and the API all reach these checks through the field builders in fields.ts.

// C0 controls except tab, line feed and carriage return (which textareas post), DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Zero-width characters, direction marks, embeddings, overrides and isolates, the word joiner and
// invisible operators, the Arabic letter mark, and the byte order mark.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** The reason `value` cannot be stored as the field `label`, or null when it can. */
export function textProblem(value: string, label: string): string | null {
  if (CONTROL.test(value)) return `${label} must not contain control characters, such as a null byte`;
  if (INVISIBLE.test(value)) return `${label} must not contain invisible formatting characters, such as a zero-width space or a text direction override`;
  return null;
}

/** One stored form for text that looks the same: composed characters (NFC), trimmed. */
export function normaliseText(value: string): string {
  return value.normalize("NFC").trim();
}

/**
 * For inputs that are forgiving rather than refused, such as a search box or a filter in a
 * query string: drops what `textProblem` would refuse, then normalises.
 */
export function stripUnsafeText(value: string): string {
  return normaliseText(value.replace(UNSAFE, ""));
}
