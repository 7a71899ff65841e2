"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, DateInput, ErrorSummary, Radios, Select, Textarea, TextInput, WarningText } from "@/components/govuk";
import { initialAdminFormState, useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";
import { CONFIDENCE_LABELS, CONFIDENCES } from "@/lib/validation/register";

const CONFIDENCE_HINTS = {
  HIGH: "Well evidenced.",
  MEDIUM: "Likely, on reasonable evidence.",
  LOW: "Ambiguous: devices resolve to “producer unknown” with a note asking for review.",
} as const;

const confidenceItems = CONFIDENCES.map((c) => ({ value: c, text: CONFIDENCE_LABELS[c], hint: CONFIDENCE_HINTS[c] }));

function Reevaluation() {
  return (
    <WarningText>
      Saving re-evaluates every device on the register against the changed register. You will see its progress.
    </WarningText>
  );
}

export interface EditableProducer {
  id: number;
  version: number;
  covered: boolean;
  confidence: string;
  source: string;
  notes: string | null;
}

const PRODUCER_FIELDS = ["covered", "confidence", "source", "notes"] as const;

export function ProducerForm({ action, producer, cancelHref }: { action: AdminFormAction; producer: EditableProducer; cancelHref: string }) {
  const form = useAdminForm(action, PRODUCER_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={producer.id} />
      <input type="hidden" name="version" value={producer.version} />
      <div key={form.submission}>
        <Radios
          name="covered"
          legend="Is the producer subject to the National Intelligence Law of the People’s Republic of China?"
          legendSize="m"
          hint="Equipment of a covered producer is what the directive controls."
          items={[
            { value: "yes", text: "Yes, covered" },
            { value: "no", text: "No, not covered" },
          ]}
          defaultValue={form.value("covered", producer.covered ? "yes" : "no")}
          error={form.errors.covered}
        />
        <Radios
          name="confidence"
          legend="Confidence"
          legendSize="m"
          items={confidenceItems}
          defaultValue={form.value("confidence", producer.confidence)}
          error={form.errors.confidence}
        />
        <TextInput id="source" name="source" label="Source" hint="Where the evidence for this entry comes from." defaultValue={form.value("source", producer.source)} error={form.errors.source} />
        <Textarea id="notes" name="notes" label="Notes (optional)" hint="Shown to reviewers, for example “ambiguous ownership”." rows={3} defaultValue={form.value("notes", producer.notes ?? "")} error={form.errors.notes} />
      </div>
      <Reevaluation />
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : "Save and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

export interface EditableBrand {
  id: number | null;
  version: number | null;
  producerId: number;
  name: string;
  aliases: string[];
  confidence: string;
  validUntil: string | null;
  source: string;
  notes: string | null;
}

const BRAND_FIELDS = ["producerId", "name", "aliases", "confidence", "validUntil", "source", "notes"] as const;

export function BrandForm({
  action,
  brand,
  producers,
  cancelHref,
}: {
  action: AdminFormAction;
  brand: EditableBrand;
  producers: { id: number; name: string }[];
  cancelHref: string;
}) {
  const form = useAdminForm(action, BRAND_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={brand.id ?? ""} />
      <input type="hidden" name="version" value={brand.version ?? ""} />
      <div key={form.submission}>
        <Select
          id="producerId"
          name="producerId"
          label="Producer"
          hint="The company that really produces equipment sold under this brand (OEM and white-label products count as their producer)."
          options={producers.map((p) => ({ value: String(p.id), text: p.name }))}
          defaultValue={form.value("producerId", String(brand.producerId))}
          error={form.errors.producerId}
        />
        <TextInput id="name" name="name" label="Brand name" hint="As printed on the label." spellCheck={false} defaultValue={form.value("name", brand.name)} error={form.errors.name} />
        <TextInput
          id="aliases"
          name="aliases"
          label="Other names (optional)"
          hint="Other spellings seen on labels, separated by commas, like Hik-Vision, HIK VISION."
          spellCheck={false}
          defaultValue={form.value("aliases", brand.aliases.join(", "))}
          error={form.errors.aliases}
        />
        <Radios name="confidence" legend="Confidence" legendSize="m" items={confidenceItems} defaultValue={form.value("confidence", brand.confidence)} error={form.errors.confidence} />
        <DateInput
          id="validUntil"
          name="validUntil"
          label="Valid until (optional)"
          hint="The last day the brand belonged to this producer, for a brand that was sold or changed manufacturer. Label evidence after it needs review."
          defaultValue={form.value("validUntil", brand.validUntil ?? "")}
          error={form.errors.validUntil}
        />
        <TextInput id="source" name="source" label="Source" defaultValue={form.value("source", brand.source)} error={form.errors.source} />
        <Textarea id="notes" name="notes" label="Notes (optional)" hint="A short qualifier shown to reviewers, for example “OEM”." rows={3} defaultValue={form.value("notes", brand.notes ?? "")} error={form.errors.notes} />
      </div>
      <Reevaluation />
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : brand.id === null ? "Add brand and re-evaluate" : "Save and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

const PREFIX_FIELDS = ["prefix", "brand", "confidence"] as const;

/** Adds a model number prefix to a producer. */
export function ModelPrefixForm({ action, producerId, brands, cancelHref }: { action: AdminFormAction; producerId: number; brands: string[]; cancelHref: string }) {
  const form = useAdminForm(action, PREFIX_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="producerId" value={producerId} />
      <div key={form.submission}>
        <TextInput
          id="prefix"
          name="prefix"
          label="Model prefix"
          hint="The start of the model numbers on this producer’s labels, like DS-2CD. Case, spaces and punctuation are ignored when matching."
          spellCheck={false}
          defaultValue={form.value("prefix", "")}
          error={form.errors.prefix}
        />
        <Select
          id="brand"
          name="brand"
          label="Brand (optional)"
          hint="The brand whose numbering this is: a match then takes that brand’s name and confidence."
          options={[{ value: "", text: "None: the producer’s own name" }, ...brands.map((b) => ({ value: b, text: b }))]}
          defaultValue={form.value("brand", "")}
          error={form.errors.brand}
        />
        <Radios
          name="confidence"
          legend="Confidence"
          legendSize="m"
          hint="Generic prefixes (such as NVR) are only a hint: choose low."
          items={[{ value: "", text: "As sure as the producer and brand" }, ...confidenceItems]}
          defaultValue={form.value("confidence", "")}
          error={form.errors.confidence}
        />
      </div>
      <Reevaluation />
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : "Add prefix and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

/** One model prefix's remove button, in its row of the producer's table. */
export function RemoveModelPrefixButton({ action, id, prefix }: { action: AdminFormAction; id: number; prefix: string }) {
  // Success leaves the page for the re-evaluation; a prefix already removed answers 404.
  const [, dispatch, pending] = useActionState(action, initialAdminFormState);
  return (
    <form action={dispatch} aria-busy={pending}>
      <input type="hidden" name="id" value={id} />
      <Button variant="warning" className="govuk-!-margin-bottom-0">
        Remove<span className="govuk-visually-hidden"> the model prefix {prefix} and re-evaluate</span>
      </Button>
    </form>
  );
}
