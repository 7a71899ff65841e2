"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, ErrorSummary, FileUpload, ProgressBar } from "@/components/govuk";
import { LIMIT_MESSAGES, MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { plural } from "@/lib/text/plural";

interface Progress {
  phase: string;
  done: number;
  total: number | null;
}

type State =
  | { step: "idle"; error: string | null }
  | { step: "uploading"; name: string; loaded: number; total: number }
  | { step: "processing"; name: string; progress: Progress };

function token(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const n = (x: number) => x.toLocaleString("en-GB");

/**
 * Uploads with a progress bar, then follows the server's checking of the rows. Without JavaScript
 * the same form posts the file as multipart data and the server redirects to the preview, or back
 * here with the problem. `children` (the page's heading and introduction) sit between the error
 * summary and the form, so the summary is the first thing in the main column either way.
 */
export function UploadForm({ serverError, children }: { serverError: string | null; children?: ReactNode }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ step: "idle", error: serverError });
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const error = state.step === "idle" ? state.error : null;

  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = error ? `Error: ${base}` : base;
  }, [error]);

  useEffect(() => () => {
    if (poll.current) clearInterval(poll.current);
  }, []);

  function stopPolling() {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return setState({ step: "idle", error: LIMIT_MESSAGES.noFile });
    if (file.size > MAX_IMPORT_BYTES) {
      return setState({ step: "idle", error: LIMIT_MESSAGES.tooLarge });
    }
    const progressToken = token();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.setRequestHeader("X-Progress-Token", progressToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setState({ step: "uploading", name: file.name, loaded: e.loaded, total: e.total });
    };
    xhr.upload.onload = () => {
      setState({ step: "processing", name: file.name, progress: { phase: "reading", done: 0, total: null } });
      poll.current = setInterval(async () => {
        try {
          const res = await fetch(`/api/import/progress?token=${progressToken}`, { cache: "no-store" });
          if (!res.ok) return;
          const p = (await res.json()) as Progress;
          setState((s) => (s.step === "processing" ? { ...s, progress: p } : s));
        } catch {
          // The next poll will try again.
        }
      }, 700);
    };
    xhr.onload = () => {
      stopPolling();
      let body: { batchId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = {};
      }
      if (xhr.status === 200 && body.batchId) {
        router.push(`/import/${body.batchId}`);
      } else if (xhr.status === 401) {
        router.push("/login?callbackUrl=/import");
      } else {
        setState({ step: "idle", error: body.error ?? "The file could not be checked. Try again, or contact the service desk if it keeps happening." });
      }
    };
    xhr.onerror = () => {
      stopPolling();
      setState({ step: "idle", error: "The file could not be uploaded: check your connection and try again" });
    };
    setState({ step: "uploading", name: file.name, loaded: 0, total: file.size });
    xhr.send(file);
  }

  const busy = state.step !== "idle";
  return (
    <>
      <ErrorSummary errors={error ? [{ href: "#file", text: error }] : []} />
      {children}
      <form action="/api/import" method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
        <FileUpload
          id="file"
          name="file"
          label="Upload a file"
          labelSize="m"
          hint="A CSV or XLSX file of 20 MB or less, with up to 200,000 rows"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={error}
        />
        <div aria-live="polite">
          {state.step === "uploading" ? (
            <ProgressBar label={`Uploading ${state.name}`} value={state.loaded} max={state.total} valueText={`${n(Math.round(state.loaded / 1024))} of ${n(Math.round(state.total / 1024))} KB`} />
          ) : null}
          {state.step === "processing" ? <Processing name={state.name} progress={state.progress} /> : null}
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "Checking the file…" : "Upload and check"}
        </Button>
      </form>
    </>
  );
}

function Processing({ name, progress }: { name: string; progress: Progress }) {
  if (progress.phase === "checking" && progress.total) {
    return <ProgressBar label={`Preparing the preview of ${name}`} value={progress.done} max={progress.total} valueText={`${n(progress.done)} of ${plural(progress.total, "row")}`} />;
  }
  return (
    <p className="govuk-body" role="status">
      Checking {name}: {plural(progress.done, "row")} checked so far.
    </p>
  );
}
