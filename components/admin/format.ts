import { formatLongDate } from "@/lib/compliance";
import { longDateTime } from "@/lib/audit/words";

/** "3 March 2026 at 2:05pm", UK time. */
export function formatDateTime(d: Date): string {
  return longDateTime(d.toISOString());
}

export function formatIsoDate(iso: string | null): string {
  return iso ? formatLongDate(iso) : "Not set";
}
