"use client";

import { Button, DateInput, ErrorSummary, TextInput, WarningText, linkToDateFields } from "@/components/govuk";
import { dateFieldValues } from "@/lib/validation/date-parts";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

export interface EditablePolicy {
  version: number;
  cutOff: string;
  removalDeadline: string;
  reclassificationGraceDays: number;
  maxExemptionMonths: number;
  notSeenDays: number;
}

const FIELDS = ["cutOff", "removalDeadline", "reclassificationGraceDays", "maxExemptionMonths", "notSeenDays"] as const;

export function PolicyForm({ action, policy }: { action: AdminFormAction; policy: EditablePolicy }) {
  const form = useAdminForm(action, FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={linkToDateFields(form.summary, form.state.values, ["cutOff", "removalDeadline"])} />
      <input type="hidden" name="version" value={policy.version} />
      <div key={form.submission}>
        <DateInput
          id="cutOff"
          name="cutOff"
          legend="Cut-off date"
          legendSize="s"
          hint="Covered equipment installed on a controlled site on or after this date is a new deployment, in breach of the directive. For example, 24 11 2022"
          values={dateFieldValues(form.state.values, "cutOff", policy.cutOff)}
          error={form.errors.cutOff}
        />
        <DateInput
          id="removalDeadline"
          name="removalDeadline"
          legend="Removal deadline"
          legendSize="s"
          hint="The last day for removing covered equipment from sensitive sites. After it, remaining equipment is a breach. For example, 30 4 2025"
          values={dateFieldValues(form.state.values, "removalDeadline", policy.removalDeadline)}
          error={form.errors.removalDeadline}
        />
        <TextInput
          id="reclassificationGraceDays"
          name="reclassificationGraceDays"
          label="Reclassification grace period, in days"
          labelSize="s"
          hint="A site that becomes sensitive after the cut-off has this many days from its reclassification to remove covered equipment, but never less time than the removal deadline gives."
          width="5"
          inputMode="numeric"
          spellCheck={false}
          defaultValue={form.value("reclassificationGraceDays", String(policy.reclassificationGraceDays))}
          error={form.errors.reclassificationGraceDays}
        />
        <TextInput
          id="maxExemptionMonths"
          name="maxExemptionMonths"
          label="Longest exemption, in months"
          labelSize="s"
          hint="A local exemption may not expire later than this many months after it was approved. Changing it does not re-evaluate the register: it applies to exemptions recorded from now on."
          width="3"
          inputMode="numeric"
          spellCheck={false}
          defaultValue={form.value("maxExemptionMonths", String(policy.maxExemptionMonths))}
          error={form.errors.maxExemptionMonths}
        />
        <TextInput
          id="notSeenDays"
          name="notSeenDays"
          label="Not seen on the network for, in days"
          labelSize="s"
          hint="A device that network scans or camera lists of its site have not seen for this many days is flagged on its page, so someone checks it is still there. It is not a rule of the directive and does not re-evaluate the register."
          width="3"
          inputMode="numeric"
          spellCheck={false}
          defaultValue={form.value("notSeenDays", String(policy.notSeenDays))}
          error={form.errors.notSeenDays}
        />
      </div>
      <WarningText>Saving re-evaluates every device on the register against the new policy. Reports state the policy they were judged against.</WarningText>
      <Button>{form.pending ? "Saving…" : "Save and re-evaluate"}</Button>
    </form>
  );
}
