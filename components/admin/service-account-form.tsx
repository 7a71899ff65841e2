"use client";

import { Button, ButtonGroup, ErrorSummary, Radios, Select, TextInput } from "@/components/govuk";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";
import type { OrganisationChoice } from "@/components/admin/user-forms";
import { SERVICE_ACCOUNT_NAME_MAX, SERVICE_ACCOUNT_ROLE_LABELS, SERVICE_ACCOUNT_ROLES, type ServiceAccountRole } from "@/lib/validation/service-account";

const FIELDS = ["name", "organisationId", "role"] as const;

const ROLE_HINTS: Record<ServiceAccountRole, string> = {
  ESTATES_EDITOR: "Its tokens may read the organisation’s register, or also add and change sites, camera systems and devices.",
  ORG_VIEWER: "Its tokens may only read the organisation’s register.",
};

/** A new service account: what the system is called, the one organisation it works for, and what it may do there. */
export function ServiceAccountForm({ action, organisations }: { action: AdminFormAction; organisations: OrganisationChoice[] }) {
  const form = useAdminForm(action, FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <div key={form.submission}>
        <TextInput
          id="name"
          name="name"
          label="Name"
          hint="The system that will use it, so that you can tell service accounts apart. For example, Home Office facilities management system."
          autoComplete="off"
          spellCheck={false}
          inputProps={{ maxLength: SERVICE_ACCOUNT_NAME_MAX * 2 }}
          defaultValue={form.value("name", "")}
          error={form.errors.name}
        />
        <Select
          id="organisationId"
          name="organisationId"
          label="Organisation"
          hint="Its tokens see this organisation and its agencies, and no other."
          options={[{ value: "", text: "Select an organisation" }, ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.acronym})` }))]}
          defaultValue={form.value("organisationId", "")}
          error={form.errors.organisationId}
        />
        <Radios
          name="role"
          idPrefix="role"
          legend="What may the system do?"
          legendSize="m"
          items={SERVICE_ACCOUNT_ROLES.map((r) => ({ value: r, text: SERVICE_ACCOUNT_ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
          defaultValue={form.value("role", "")}
          error={form.errors.role}
        />
      </div>
      <ButtonGroup>
        <Button>{form.pending ? "Creating service account…" : "Create service account"}</Button>
        <a href="/admin/service-accounts" className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}
