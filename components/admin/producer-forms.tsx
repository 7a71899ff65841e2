"use client";

import { Button, ButtonGroup, CharacterCount, ErrorSummary, Radios, TextInput } from "@/components/govuk";
import { confidenceItems, Reevaluation, SourceFields } from "@/components/admin/register-form-parts";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

const COVERED = {
  legend: "Is the producer subject to the National Intelligence Law of the People’s Republic of China?",
  hint: "Equipment of a covered producer is what the directive controls.",
  items: [
    { value: "yes", text: "Yes, covered" },
    { value: "no", text: "No, not covered" },
  ],
};

export interface EditableProducer {
  id: number;
  version: number;
  covered: boolean;
  confidence: string;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
}

const PRODUCER_FIELDS = ["covered", "confidence", "source", "sourceUrl", "notes"] as const;

export function ProducerForm({ action, producer, cancelHref }: { action: AdminFormAction; producer: EditableProducer; cancelHref: string }) {
  const form = useAdminForm(action, PRODUCER_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={producer.id} />
      <input type="hidden" name="version" value={producer.version} />
      <div key={form.submission}>
        <Radios name="covered" legendSize="m" {...COVERED} defaultValue={form.value("covered", producer.covered ? "yes" : "no")} error={form.errors.covered} />
        <Radios name="confidence" legend="Confidence" legendSize="m" items={confidenceItems} defaultValue={form.value("confidence", producer.confidence)} error={form.errors.confidence} />
        <SourceFields form={form} source={producer.source} sourceUrl={producer.sourceUrl} urlRequired={false} />
        <CharacterCount id="notes" name="notes" label="Notes (optional)" hint="Shown to reviewers, for example “ambiguous ownership”." rows={3} maxLength={1000} defaultValue={form.value("notes", producer.notes ?? "")} error={form.errors.notes} />
      </div>
      <Reevaluation />
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : "Save and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

const NEW_PRODUCER_FIELDS = ["name", "legalName", "covered", "confidence", "source", "sourceUrl", "notes"] as const;

/** Adds a producer to the register, with the public document its entry rests on. */
export function NewProducerForm({ action, cancelHref }: { action: AdminFormAction; cancelHref: string }) {
  const form = useAdminForm(action, NEW_PRODUCER_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <div key={form.submission}>
        <TextInput
          id="name"
          name="name"
          label="Producer name"
          hint="The name it trades under, as it appears on labels, like Hikvision. Labels with this name are matched to the producer."
          spellCheck={false}
          defaultValue={form.value("name", "")}
          error={form.errors.name}
        />
        <TextInput id="legalName" name="legalName" label="Legal name (optional)" hint="The company’s registered name, like Hangzhou Hikvision Digital Technology Co., Ltd." spellCheck={false} defaultValue={form.value("legalName", "")} error={form.errors.legalName} />
        <Radios name="covered" legendSize="m" {...COVERED} defaultValue={form.value("covered", "")} error={form.errors.covered} />
        <Radios name="confidence" legend="Confidence" legendSize="m" items={confidenceItems} defaultValue={form.value("confidence", "")} error={form.errors.confidence} />
        <SourceFields form={form} source="" sourceUrl={null} urlRequired />
        <CharacterCount id="notes" name="notes" label="Notes (optional)" hint="Shown to reviewers, for example “ambiguous ownership”." rows={3} maxLength={1000} defaultValue={form.value("notes", "")} error={form.errors.notes} />
      </div>
      <Reevaluation />
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : "Add producer and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}
