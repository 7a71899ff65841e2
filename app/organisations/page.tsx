import type { Metadata } from "next";
import Link from "next/link";
import { InsetText, StatusTag, Table } from "@/components/govuk";
import { formatCount, formatDate, formatDateTime, formatShare } from "@/components/dashboard/format";
import { requirePagePermission } from "@/lib/auth/session";
import { ORG_TYPE_LABELS } from "@/lib/data/dashboard";
import { listOrganisations } from "@/lib/data/organisations";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  const actor = await requirePagePermission("register:read", "/organisations");
  const { asOf, computedAt, rows } = await listOrganisations(actor);
  return (
    <>
      <h1 className="govuk-heading-xl">Organisations</h1>
      {rows.length === 0 ? (
        <InsetText>There are no organisations in your register yet.</InsetText>
      ) : (
        <>
          <p className="govuk-body">
            {actor.scope.all
              ? "Every department and agency, with its agencies listed beneath it."
              : "Your organisation and its agencies."}{" "}
            Figures as of {formatDate(asOf)}, computed at {formatDateTime(computedAt || null)}.
          </p>
          <Table
            caption="Organisations and their compliance status"
            captionVisuallyHidden
            firstCellIsHeader
            head={[
              { text: "Organisation" },
              { text: "Type" },
              { text: "Status" },
              { text: "Sites", numeric: true },
              { text: "Sensitive sites", numeric: true },
              { text: "Breach", numeric: true },
              { text: "Action due", numeric: true },
              { text: "Unverified", numeric: true },
              { text: "Covered devices remaining", numeric: true },
              { text: "Data completeness", numeric: true },
            ]}
            rows={rows.map((r) => [
              <span key="n" className={r.depth === 1 ? "block border-l-4 border-[#b1b4b6] pl-4" : "block"}>
                <Link className="govuk-link" href={`/organisations/${r.id}`}>{r.name}</Link>{" "}
                <span className="govuk-secondary-text font-normal">({r.acronym})</span>
                {r.depth === 1 && r.parentName ? <span className="govuk-visually-hidden">, part of {r.parentName}</span> : null}
              </span>,
              ORG_TYPE_LABELS[r.type],
              <StatusTag key="s" status={r.status} />,
              formatCount(r.sites),
              formatCount(r.sensitiveSites),
              formatCount(r.breach),
              formatCount(r.actionDue),
              formatCount(r.unverified),
              formatCount(r.coveredRemaining),
              formatShare(r.completeness),
            ])}
          />
        </>
      )}
    </>
  );
}
