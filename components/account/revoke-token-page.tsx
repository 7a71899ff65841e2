import { formatDateTime, formatIsoDate } from "@/components/admin/format";
import { ConfirmForm } from "@/components/account/confirm-form";
import type { TokenListRow } from "@/components/account/api-token-table";
import type { AdminFormAction } from "@/components/admin/use-admin-form";
import { BackLink, Heading, SummaryList, WarningText } from "@/components/govuk";
import { API_ACCESS_LABELS } from "@/lib/validation/api-token";

export interface RevokeTokenPageProps {
  token: TokenListRow;
  action: AdminFormAction;
  backHref: string;
  backText: string;
  /** Whose token it is, in the caption above the question (a service account's name). */
  caption?: string;
  consequence: string;
}

/** The question before a token is revoked, or why there is nothing left to revoke. */
export function RevokeTokenPage({ token, action, backHref, backText, caption, consequence }: RevokeTokenPageProps) {
  const details = (
    <SummaryList
      rows={[
        { key: "Name", value: token.name },
        { key: "Starts with", value: <span className="font-mono">{token.prefix}…</span> },
        { key: "Access", value: API_ACCESS_LABELS[token.access] },
        { key: "Expires", value: `End of ${formatIsoDate(token.expiresOn)}` },
        { key: "Last used", value: token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never" },
      ]}
    />
  );
  return (
    <>
      <BackLink href={backHref}>{backText}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {token.state === "active" ? (
            <>
              <Heading level={1} size="l" caption={caption}>Are you sure you want to revoke the token {token.name}?</Heading>
              {details}
              <WarningText>{consequence}</WarningText>
              <ConfirmForm action={action} buttonText="Revoke token" cancelHref={backHref} />
            </>
          ) : (
            <>
              <Heading level={1} size="l" caption={caption}>
                {token.state === "revoked" ? `The token ${token.name} has already been revoked` : `The token ${token.name} has expired`}
              </Heading>
              <p className="govuk-body">It no longer works, so there is nothing to revoke.</p>
              {details}
              <p className="govuk-body">
                <a href={backHref} className="govuk-link">{backText}</a>
              </p>
            </>
          )}
        </div>
      </div>
    </>
  );
}
