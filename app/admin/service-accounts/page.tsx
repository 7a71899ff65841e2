import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime } from "@/components/admin/format";
import { ButtonLink, Heading, Table, Tag } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listServiceAccounts } from "@/lib/data/service-accounts";
import { serviceAccountAccess } from "@/lib/validation/service-account";

export const metadata: Metadata = { title: "Service accounts" };

export default async function ServiceAccountsPage() {
  const actor = await requirePagePermission("admin:users", "/admin/service-accounts");
  const accounts = await listServiceAccounts(actor);
  return (
    <>
      <AdminNav current="service-accounts" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">Service accounts</Heading>
          <p className="govuk-body">
            A service account lets a department’s own system, such as its facilities management system, use the register’s API without a person’s account. It works for one organisation and its agencies, never signs in, and holds only the API tokens you create for it.
          </p>
          <p className="govuk-body">
            <a href="/developers/api" className="govuk-link">Read the API reference</a>
          </p>
          <ButtonLink href="/admin/service-accounts/new">Create a service account</ButtonLink>
        </div>
      </div>
      <Table
        caption="Service accounts"
        captionVisuallyHidden
        firstCellIsHeader
        head={[{ text: "Name" }, { text: "Organisation" }, { text: "Access" }, { text: "Tokens in use", numeric: true }, { text: "Created" }, { text: "Status" }]}
        numericColumns={[3]}
        rows={accounts.map((a) => [
          <a key="n" href={`/admin/service-accounts/${a.id}`} className="govuk-link">{a.name}</a>,
          a.organisationName ?? "None",
          serviceAccountAccess(a.role),
          String(a.liveTokens),
          formatDateTime(a.createdAt),
          a.active ? <Tag key="s" colour="green">Active</Tag> : <Tag key="s" colour="grey">Deactivated</Tag>,
        ])}
        emptyText="There are no service accounts yet."
      />
    </>
  );
}
