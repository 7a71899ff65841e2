"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, Checkbox, DateInput, Radios, Select, TextInput, dateInputErrorTarget } from "@/components/govuk";
import { dateFieldValues } from "@/lib/validation/date-parts";
import { ErrorMessage } from "@/components/govuk/form-group";
import {
  CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  SENSITIVITIES,
  SENSITIVITY_CRITERIA,
  SENSITIVITY_LABELS,
} from "@/lib/validation/site";
import {
  FormErrorSummary,
  checkedOf,
  errorsOf,
  initialRegisterFormState,
  valueOf,
  type RegisterFormState,
} from "@/components/register/form-support";

export interface SiteFormRecord {
  organisationId: number;
  name: string;
  siteCode: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  uprn: string | null;
  epimsId: string | null;
  sensitivity: string;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: string | null;
  controlsExtended: boolean;
  sensitiveSince: string | null;
  assessedBy: string | null;
  assessedOn: string | null;
  version: number;
}

export interface SiteFormProps {
  action: (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;
  /** Present on edit. */
  record?: SiteFormRecord;
  /** Organisations the actor may file the site under (create only). */
  organisations: { id: number; name: string }[];
  /** The organisation's name, shown read-only on edit. */
  organisationName?: string;
  submitText: string;
  cancelHref: string;
}

const ORDER = [
  "organisationId",
  "name",
  "siteCode",
  "addressLine1",
  "addressLine2",
  "town",
  "postcode",
  "uprn",
  "epimsId",
  "criteria",
  "sensitivity",
  "highestClassification",
  "controlsExtended",
  "effectiveFrom",
  "alwaysSensitive",
  "assessedBy",
  "assessedOn",
] as const;

export function SiteForm({ action, record, organisations, organisationName, submitText, cancelHref }: SiteFormProps) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const v = (name: string, fallback: string | null | undefined) => valueOf(state, name, fallback);
  const criteriaError = errors.criteria;
  const singleOrganisation = !record && organisations.length === 1 ? organisations[0] : undefined;
  const effectiveFrom = dateFieldValues(state.values, "effectiveFrom", "");
  const assessedOn = dateFieldValues(state.values, "assessedOn", record?.assessedOn);

  return (
    <>
      <FormErrorSummary
        errors={errors}
        // A problem with the whole form links to the first field the user can reach.
        order={record || singleOrganisation ? ORDER.filter((f) => f !== "organisationId") : ORDER}
        ids={{
          criteria: "holdsSecretMaterial",
          effectiveFrom: dateInputErrorTarget("effectiveFrom", effectiveFrom),
          assessedOn: dateInputErrorTarget("assessedOn", assessedOn),
        }}
      />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        {record ? <input type="hidden" name="version" value={record.version} /> : null}
        {record ? (
          <>
            <input type="hidden" name="organisationId" value={record.organisationId} />
            <p className="govuk-body">
              <span className="govuk-!-font-weight-bold">Organisation:</span> {organisationName}
            </p>
          </>
        ) : singleOrganisation ? (
          <>
            <input type="hidden" name="organisationId" value={singleOrganisation.id} />
            <p className="govuk-body">
              <span className="govuk-!-font-weight-bold">Organisation:</span> {singleOrganisation.name}
            </p>
          </>
        ) : (
          <Select
            id="organisationId"
            name="organisationId"
            label="Organisation"
            error={errors.organisationId}
            defaultValue={v("organisationId", "")}
            options={[{ value: "", text: "Select an organisation" }, ...organisations.map((o) => ({ value: String(o.id), text: o.name }))]}
          />
        )}

        <h2 className="govuk-heading-m">Site details</h2>
        <TextInput id="name" name="name" label="Site name" error={errors.name} defaultValue={v("name", record?.name)} />
        <TextInput
          id="siteCode"
          name="siteCode"
          label="Site code"
          hint="Your organisation's own reference for the site"
          width="10"
          spellCheck={false}
          error={errors.siteCode}
          defaultValue={v("siteCode", record?.siteCode)}
        />
        <TextInput id="addressLine1" name="addressLine1" label="Address line 1" autoComplete="address-line1" error={errors.addressLine1} defaultValue={v("addressLine1", record?.addressLine1)} />
        <TextInput id="addressLine2" name="addressLine2" label="Address line 2 (optional)" autoComplete="address-line2" error={errors.addressLine2} defaultValue={v("addressLine2", record?.addressLine2)} />
        <TextInput id="town" name="town" label="Town or city" width="20" autoComplete="address-level2" error={errors.town} defaultValue={v("town", record?.town)} />
        <TextInput id="postcode" name="postcode" label="Postcode" width="10" autoComplete="postal-code" error={errors.postcode} defaultValue={v("postcode", record?.postcode)} />
        <TextInput
          id="uprn"
          name="uprn"
          label="Unique Property Reference Number (UPRN) (optional)"
          width="20"
          inputMode="numeric"
          error={errors.uprn}
          defaultValue={v("uprn", record?.uprn)}
        />
        <TextInput id="epimsId" name="epimsId" label="ePIMS ID (optional)" width="20" error={errors.epimsId} defaultValue={v("epimsId", record?.epimsId)} />

        <h2 className="govuk-heading-m">Sensitivity assessment</h2>
        <div className={`govuk-form-group${criteriaError ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={`criteria-hint${criteriaError ? " criteria-error" : ""}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which of these apply to the site?</legend>
            <div id="criteria-hint" className="govuk-hint">
              A site that meets any of these is sensitive. Select all that apply.
            </div>
            {criteriaError ? <ErrorMessage id="criteria-error">{criteriaError}</ErrorMessage> : null}
            <div className="govuk-checkboxes" data-module="govuk-checkboxes">
              {SENSITIVITY_CRITERIA.map((c) => (
                <div key={c.field} className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={c.field}
                    name={c.field}
                    type="checkbox"
                    value="yes"
                    defaultChecked={checkedOf(state, c.field, record?.[c.field] ?? false)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={c.field}>
                    {c.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Radios
          name="sensitivity"
          legend="Is the site sensitive?"
          legendSize="s"
          error={errors.sensitivity}
          defaultValue={v("sensitivity", record?.sensitivity ?? "")}
          items={SENSITIVITIES.map((s) => ({ value: s, text: SENSITIVITY_LABELS[s] }))}
        />
        <Select
          id="highestClassification"
          name="highestClassification"
          label="Highest classification of material held on the site (optional)"
          error={errors.highestClassification}
          defaultValue={v("highestClassification", record?.highestClassification ?? "")}
          options={[{ value: "", text: "Not recorded" }, ...CLASSIFICATIONS.map((c) => ({ value: c, text: CLASSIFICATION_LABELS[c] }))]}
        />
        <Checkbox
          id="controlsExtended"
          name="controlsExtended"
          label="Apply the sensitive-site controls to this site although it is not sensitive"
          hint="Point 4 of the directive: departments should consider whether sites outside the definition need the same controls."
          error={errors.controlsExtended}
          defaultChecked={checkedOf(state, "controlsExtended", record?.controlsExtended ?? false)}
        />
        <DateInput
          id="effectiveFrom"
          name="effectiveFrom"
          legend="Date this assessment takes effect (optional)"
          hint="Leave blank for today. A site that becomes sensitive is treated as sensitive from this date. For example, 27 3 2025"
          error={errors.effectiveFrom}
          values={effectiveFrom}
        />
        <input type="hidden" name="alwaysSensitiveAsked" value="yes" />
        <Checkbox
          id="alwaysSensitive"
          name="alwaysSensitive"
          label="The site has been sensitive for as long as we know"
          hint={
            record?.sensitivity === "SENSITIVE" && record.sensitiveSince === null
              ? "Currently recorded as always sensitive."
              : "Only for a sensitive site. Covered equipment installed on or after the cut-off is then a new deployment, whenever it was installed."
          }
          error={errors.alwaysSensitive}
          defaultChecked={checkedOf(state, "alwaysSensitive", record?.sensitivity === "SENSITIVE" && record.sensitiveSince === null)}
        />
        <TextInput id="assessedBy" name="assessedBy" label="Assessed by (optional)" hint="Name and role of the person who made the assessment" error={errors.assessedBy} defaultValue={v("assessedBy", record?.assessedBy)} />
        <DateInput
          id="assessedOn"
          name="assessedOn"
          legend="Date of the assessment (optional)"
          hint="For example, 27 3 2025"
          error={errors.assessedOn}
          values={assessedOn}
        />

        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            {submitText}
          </Button>
          <a className="govuk-link" href={cancelHref}>
            Cancel
          </a>
        </ButtonGroup>
      </form>
    </>
  );
}
