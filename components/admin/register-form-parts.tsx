"use client";

import { TextInput, WarningText } from "@/components/govuk";
import type { useAdminForm } from "@/components/admin/use-admin-form";
import { CONFIDENCE_LABELS, CONFIDENCES } from "@/lib/validation/register";

// Pieces the producer register's forms share.

const CONFIDENCE_HINTS = {
  HIGH: "Well evidenced.",
  MEDIUM: "Likely, on reasonable evidence.",
  LOW: "Ambiguous: devices resolve to “producer unknown” with a note asking for review.",
} as const;

export const confidenceItems = CONFIDENCES.map((c) => ({ value: c, text: CONFIDENCE_LABELS[c], hint: CONFIDENCE_HINTS[c] }));

export function Reevaluation() {
  return (
    <WarningText>
      Saving re-evaluates every device on the register against the changed register. You will see its progress.
    </WarningText>
  );
}

/** A source is a public document: its title, and the web address where anyone can read it. */
export function SourceFields({
  form,
  source,
  sourceUrl,
  urlRequired,
}: {
  form: ReturnType<typeof useAdminForm>;
  source: string;
  sourceUrl: string | null;
  urlRequired: boolean;
}) {
  return (
    <>
      <TextInput
        id="source"
        name="source"
        label="Source"
        hint="The title of the public document that shows who produces this equipment, like a government statement or a regulator’s list."
        defaultValue={form.value("source", source)}
        error={form.errors.source}
      />
      <TextInput
        id="sourceUrl"
        name="sourceUrl"
        type="url"
        label={urlRequired ? "Web address of the source" : "Web address of the source (optional)"}
        hint="Where anyone can read the document, starting https://"
        spellCheck={false}
        autoComplete="off"
        defaultValue={form.value("sourceUrl", sourceUrl ?? "")}
        error={form.errors.sourceUrl}
      />
    </>
  );
}
