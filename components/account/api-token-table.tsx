import { formatDateTime, formatIsoDate } from "@/components/admin/format";
import { Table, Tag } from "@/components/govuk";
import { API_ACCESS_LABELS, type ApiAccessValue } from "@/lib/validation/api-token";

/** A token as the tables show it (lib/data/api-tokens.ts ApiTokenRow, without the data layer). */
export interface TokenListRow {
  id: number;
  name: string;
  prefix: string;
  access: ApiAccessValue;
  createdAt: Date;
  expiresOn: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: "active" | "expired" | "revoked";
}

function status(t: TokenListRow) {
  if (t.state === "revoked") {
    return (
      <>
        <Tag colour="grey">Revoked</Tag>
        {t.revokedAt ? <span className="block govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{formatDateTime(t.revokedAt)}</span> : null}
      </>
    );
  }
  if (t.state === "expired") return <Tag colour="orange">Expired</Tag>;
  return <Tag colour="green">Active</Tag>;
}

/** Tokens with their name, access, dates, last use and status; a revoke link on each that still works. */
export function ApiTokenTable({ tokens, caption, revokeHref }: { tokens: TokenListRow[]; caption: string; revokeHref: (id: number) => string }) {
  return (
    <Table
      caption={caption}
      captionSize="m"
      firstCellIsHeader
      head={[{ text: "Name" }, { text: "Access" }, { text: "Created" }, { text: "Expires" }, { text: "Last used" }, { text: "Status" }, { text: <span className="govuk-visually-hidden">Actions</span> }]}
      rows={tokens.map((t) => [
        <span key="n">
          {t.name}
          <span className="block govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0 font-mono text-govuk-secondary-text">
            <span className="govuk-visually-hidden">Starts with </span>
            {t.prefix}…
          </span>
        </span>,
        API_ACCESS_LABELS[t.access],
        formatDateTime(t.createdAt),
        `End of ${formatIsoDate(t.expiresOn)}`,
        t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never",
        <span key="s">{status(t)}</span>,
        t.state === "active" ? (
          <a key="r" href={revokeHref(t.id)} className="govuk-link">
            Revoke<span className="govuk-visually-hidden"> the token {t.name}</span>
          </a>
        ) : (
          ""
        ),
      ])}
      emptyText="There are no tokens yet."
    />
  );
}
