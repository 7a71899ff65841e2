"use client";

import { Button, ButtonGroup, Checkbox, ErrorSummary, Radios, Select, TextInput } from "@/components/govuk";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export interface OrganisationChoice {
  id: number;
  name: string;
  acronym: string;
}

const ROLE_HINTS: Record<(typeof ROLES)[number], string> = {
  ESTATES_EDITOR: "Records and changes sites and devices for their organisation and its agencies. Needs an organisation.",
  ORG_VIEWER: "Sees the register of their organisation and its agencies. Needs an organisation.",
  CABINET_OFFICE: "Sees every organisation’s register and the cross-government dashboard.",
  MINISTER_OFFICE: "Sees the dashboard and reports, without the list of sensitive sites.",
  ADMIN: "Manages accounts, the producer register and the policy settings.",
};

const roleItems = ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], hint: ROLE_HINTS[r] }));

function organisationOptions(organisations: OrganisationChoice[]) {
  return [
    { value: "", text: "No organisation" },
    ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.acronym})` })),
  ];
}

const ACCOUNTABLE_HINT =
  "They may attest their department’s return. Only for estates editors and organisation viewers who belong to an organisation.";

function AccountableOfficial({ checked, error }: { checked: boolean; error?: string }) {
  return (
    <Checkbox
      id="accountableOfficial"
      name="accountableOfficial"
      label="Accountable official for returns"
      hint={ACCOUNTABLE_HINT}
      defaultChecked={checked}
      error={error}
    />
  );
}

/** Who a new account is for: the fields creating an account and inviting someone share. */
function NewAccountFields({ form, emailHint, organisations }: { form: ReturnType<typeof useAdminForm>; emailHint: string; organisations: OrganisationChoice[] }) {
  return (
    <>
      <TextInput id="name" name="name" label="Full name" autoComplete="off" spellCheck={false} defaultValue={form.value("name", "")} error={form.errors.name} />
      <TextInput
        id="email"
        name="email"
        type="email"
        label="Email address"
        hint={emailHint}
        autoComplete="off"
        spellCheck={false}
        defaultValue={form.value("email", "")}
        error={form.errors.email}
      />
      <Radios name="role" legend="Role" legendSize="m" items={roleItems} defaultValue={form.value("role", "")} error={form.errors.role} />
      <Select
        id="organisationId"
        name="organisationId"
        label="Organisation"
        hint="Required for estates editors and organisation viewers: they see this organisation and its agencies."
        options={organisationOptions(organisations)}
        defaultValue={form.value("organisationId", "")}
        error={form.errors.organisationId}
      />
      <AccountableOfficial checked={form.value("accountableOfficial", "") === "yes"} error={form.errors.accountableOfficial} />
    </>
  );
}

const CREATE_FIELDS = ["name", "email", "role", "organisationId", "accountableOfficial", "password"] as const;

export function CreateUserForm({ action, organisations }: { action: AdminFormAction; organisations: OrganisationChoice[] }) {
  const form = useAdminForm(action, CREATE_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <div key={form.submission}>
        <NewAccountFields form={form} emailHint="They sign in with this address. Each account needs its own." organisations={organisations} />
        <TextInput
          id="password"
          name="password"
          type="password"
          label="Temporary password"
          hint="At least 12 characters, and not a common password. Give it to the person through a separate, secure channel: they choose their own password when they first sign in."
          autoComplete="new-password"
          error={form.errors.password}
        />
      </div>
      <ButtonGroup>
        <Button>{form.pending ? "Creating account…" : "Create account"}</Button>
        <a href="/admin/users" className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

const EDIT_FIELDS = ["name", "role", "organisationId", "accountableOfficial"] as const;

export interface EditableUser {
  id: number;
  version: number;
  name: string;
  role: string;
  organisationId: number | null;
  accountableOfficial: boolean;
}

export function EditUserForm({ action, user, organisations, isSelf }: { action: AdminFormAction; user: EditableUser; organisations: OrganisationChoice[]; isSelf: boolean }) {
  const form = useAdminForm(action, EDIT_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <div key={form.submission}>
        <TextInput id="name" name="name" label="Full name" autoComplete="off" spellCheck={false} defaultValue={form.value("name", user.name)} error={form.errors.name} />
        <Radios
          name="role"
          legend="Role"
          legendSize="m"
          hint={isSelf ? "You cannot change your own role." : undefined}
          items={roleItems.map((item) => ({ ...item, disabled: isSelf && item.value !== user.role }))}
          defaultValue={form.value("role", user.role)}
          error={form.errors.role}
        />
        <Select
          id="organisationId"
          name="organisationId"
          label="Organisation"
          hint="Required for estates editors and organisation viewers."
          options={organisationOptions(organisations)}
          defaultValue={form.value("organisationId", user.organisationId === null ? "" : String(user.organisationId))}
          error={form.errors.organisationId}
        />
        <AccountableOfficial checked={form.value("accountableOfficial", user.accountableOfficial ? "yes" : "") === "yes"} error={form.errors.accountableOfficial} />
      </div>
      <ButtonGroup>
        <Button>{form.pending ? "Saving…" : "Save changes"}</Button>
        <a href="/admin/users" className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

const INVITE_FIELDS = ["name", "email", "role", "organisationId", "accountableOfficial"] as const;

/** "Invite by email": no password here; the person chooses their own from the emailed link. */
export function InviteUserForm({ action, organisations }: { action: AdminFormAction; organisations: OrganisationChoice[] }) {
  const form = useAdminForm(action, INVITE_FIELDS);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <div key={form.submission}>
        <NewAccountFields form={form} emailHint="We will email the invitation to this address. They sign in with it." organisations={organisations} />
      </div>
      <ButtonGroup>
        <Button>{form.pending ? "Sending invitation…" : "Send invitation"}</Button>
        <a href="/admin/users" className="govuk-link">Cancel</a>
      </ButtonGroup>
    </form>
  );
}

/** Sends a new link to someone who has not yet chosen a password; the earlier link stops working. */
export function ResendInvitationForm({ action, user }: { action: AdminFormAction; user: { id: number; name: string } }) {
  const form = useAdminForm(action, ["id"]);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={user.id} />
      <Button variant="secondary">
        {form.pending ? "Sending…" : "Send a new invitation"}
        <span className="govuk-visually-hidden"> to {user.name}</span>
      </Button>
    </form>
  );
}

export function UserStatusForm({ action, user }: { action: AdminFormAction; user: { id: number; version: number; active: boolean; name: string } }) {
  const form = useAdminForm(action, ["active"]);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <input type="hidden" name="active" value={user.active ? "false" : "true"} />
      {user.active ? (
        <Button variant="warning">Deactivate account<span className="govuk-visually-hidden"> of {user.name}</span></Button>
      ) : (
        <Button variant="secondary">Reactivate account<span className="govuk-visually-hidden"> of {user.name}</span></Button>
      )}
    </form>
  );
}
