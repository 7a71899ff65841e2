import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime } from "@/components/admin/format";
import { ButtonLink, Heading, NotificationBanner, Table, Tag } from "@/components/govuk";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsers, type UserRow } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Users" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, string> = {
  created: "Account created",
  invited: "Invitation sent",
  updated: "Account updated",
  deactivated: "Account deactivated",
  reactivated: "Account reactivated",
};

function statusTag(user: UserRow) {
  if (!user.active) return <Tag colour="grey">Deactivated</Tag>;
  if (user.invitationPending) return <Tag colour="blue">Invited</Tag>;
  if (user.signInDelayed) return <Tag colour="orange">Sign-in delayed</Tag>;
  return <Tag colour="green">Active</Tag>;
}

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePagePermission("admin:users", "/admin/users");
  const params = await searchParams;
  const users = await listUsers(actor);
  const done = Object.keys(DONE).find((k) => typeof params[k] === "string");
  const subject = done ? users.find((u) => String(u.id) === params[done]) : undefined;
  const notSent = typeof params.notSent === "string" ? users.find((u) => String(u.id) === params.notSent) : undefined;
  return (
    <>
      {done && subject ? (
        <NotificationBanner type="success" heading={DONE[done]}>
          <p className="govuk-body">{subject.name} ({subject.email})</p>
        </NotificationBanner>
      ) : null}
      {notSent ? (
        <NotificationBanner heading="The invitation email was not sent">
          <p className="govuk-body">
            The account for {notSent.name} ({notSent.email}) was created, but the email could not be sent. Check the email settings, then{" "}
            <a className="govuk-notification-banner__link" href={`/admin/users/${notSent.id}`}>send a new invitation from the account’s page</a>.
          </p>
        </NotificationBanner>
      ) : null}
      <Heading level={1} size="l">Users</Heading>
      <AdminNav current="users" />
      <div className="govuk-button-group">
        <ButtonLink href="/admin/users/invite">Invite someone by email</ButtonLink>
        <ButtonLink href="/admin/users/new" variant="secondary">Create an account with a temporary password</ButtonLink>
      </div>
      <Table
        caption="Accounts"
        captionVisuallyHidden
        firstCellIsHeader
        head={[{ text: "Name" }, { text: "Email address" }, { text: "Role" }, { text: "Organisation" }, { text: "Last signed in" }, { text: "Status" }]}
        rows={users.map((u) => [
          <a key="n" href={`/admin/users/${u.id}`} className="govuk-link">
            {u.name}
            <span className="govuk-visually-hidden"> – change account</span>
          </a>,
          u.email,
          ROLE_LABELS[u.role],
          u.organisationName ?? "None",
          u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never",
          statusTag(u),
        ])}
        emptyText="There are no accounts."
      />
    </>
  );
}
