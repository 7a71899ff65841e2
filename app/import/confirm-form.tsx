"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button, ErrorSummary, ProgressBar } from "@/components/govuk";
import { plural } from "@/lib/text/plural";

interface Progress {
  phase: string;
  done: number;
  total: number | null;
}

function token(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Confirms a previewed import; follows the apply with a progress bar when JavaScript runs. */
export function ConfirmForm({ batchId, rows }: { batchId: string; rows: number }) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const action = `/api/import/${batchId}/confirm`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const progressToken = token();
    setProgress({ phase: "applying", done: 0, total: rows });
    poll.current = setInterval(async () => {
      try {
        const res = await fetch(`/api/import/progress?token=${progressToken}`, { cache: "no-store" });
        if (res.ok) {
          const p = (await res.json()) as Progress;
          if (p.phase !== "waiting") setProgress(p);
        }
      } catch {
        // The next poll will try again.
      }
    }, 700);
    try {
      const res = await fetch(action, { method: "POST", headers: { Accept: "application/json", "X-Progress-Token": progressToken } });
      const body = (await res.json().catch(() => ({}))) as { location?: string; error?: string };
      if (res.ok && body.location) {
        // The batch page itself now shows the outcome: load it as a new page, so its title is
        // announced and focus starts at the top, as after any other form.
        window.location.assign(body.location);
        return;
      }
      setError(body.error ?? "The import could not be applied. Nothing was changed. Try again.");
    } catch {
      setError("The import could not be applied: check your connection. Nothing was changed.");
    } finally {
      if (poll.current) clearInterval(poll.current);
      poll.current = null;
    }
    setBusy(false);
    setProgress(null);
  }

  const total = progress?.total ?? rows;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: "#confirm-import", text: error }] : []} />
      <form action={action} method="post" onSubmit={onSubmit} noValidate>
        <div aria-live="polite">
          {progress ? (
            <ProgressBar
              label="Applying the import"
              value={progress.phase === "done" ? total : progress.done}
              max={Math.max(total, 1)}
              valueText={`${progress.done.toLocaleString("en-GB")} of ${plural(total, "row")}`}
            />
          ) : null}
        </div>
        <Button type="submit" id="confirm-import" disabled={busy}>
          {busy ? "Importing…" : "Confirm and import"}
        </Button>
      </form>
    </>
  );
}
