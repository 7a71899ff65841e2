"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, CharacterCount, DateInput, ErrorSummary, Radios, Select, TextInput, linkToDateFields } from "@/components/govuk";
import { dateFieldValues } from "@/lib/validation/date-parts";
import { confidenceItems, Reevaluation, SourceFields } from "@/components/admin/register-form-parts";
import { initialAdminFormState, useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

export interface EditableBrand {
  id: number | null;
  version: number | null;
  producerId: number;
  name: string;
  aliases: string[];
  confidence: string;
  validUntil: string | null;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
}

const BRAND_FIELDS = ["producerId", "name", "aliases", "confidence", "validUntil", "source", "sourceUrl", "notes"] as const;

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
      <ErrorSummary errors={linkToDateFields(form.summary, form.state.values, ["validUntil"])} />
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
          legend="Valid until (optional)"
          hint="The last day the brand belonged to this producer, for a brand that was sold or changed manufacturer. Label evidence after it needs review. For example, 30 4 2023"
          values={dateFieldValues(form.state.values, "validUntil", brand.validUntil)}
          error={form.errors.validUntil}
        />
        <SourceFields form={form} source={brand.source} sourceUrl={brand.sourceUrl} urlRequired={false} />
        <CharacterCount id="notes" name="notes" label="Notes (optional)" hint="A short qualifier shown to reviewers, for example “OEM”." rows={3} maxLength={1000} defaultValue={form.value("notes", brand.notes ?? "")} error={form.errors.notes} />
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

/**
 * The confirmation page's form for removing a model prefix: success leaves for the re-evaluation;
 * a prefix already removed answers 404.
 */
export function RemoveModelPrefixForm({ action, id, cancelHref }: { action: AdminFormAction; id: number; cancelHref: string }) {
  const [, dispatch, pending] = useActionState(action, initialAdminFormState);
  return (
    <form action={dispatch} aria-busy={pending}>
      <input type="hidden" name="id" value={id} />
      <ButtonGroup>
        <Button variant="warning">{pending ? "Removing…" : "Yes, remove it and re-evaluate"}</Button>
        <a href={cancelHref} className="govuk-link">No, keep it</a>
      </ButtonGroup>
    </form>
  );
}
