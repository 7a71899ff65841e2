import type { Metadata } from "next";
import { InsetText, Pagination, StatusTag, Table } from "@/components/govuk";
import { FiguresBasisLine } from "@/components/dashboard/figures-basis-line";
import { formatCompleteness, formatCount } from "@/components/dashboard/format";
import { requirePagePermission } from "@/lib/auth/session";
import { pageItems } from "@/components/register/format";
import { ORG_TYPE_LABELS, pageOfRows } from "@/lib/data/dashboard";
import { listOrganisations } from "@/lib/data/organisations";

export const metadata: Metadata = { title: "Organisations" };

// Across government that is some 500 organisations: a page at a time.
const PER_PAGE = 50;

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const pageParam = Array.isArray(params.page) ? params.page[0] : params.page;
  const requested = pageParam && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 1;
  const actor = await requirePagePermission("register:read", `/organisations${requested > 1 ? `?page=${requested}` : ""}`);
  const { asOf, source, computedAt, rows: all } = await listOrganisations(actor);
  const table = pageOfRows(all, requested, PER_PAGE);
  const rows = table.rows;
  const pageHref = (n: number) => (n > 1 ? `/organisations?page=${n}` : "/organisations");
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
              : "Your organisation and its agencies."}
          </p>
          <FiguresBasisLine asOf={asOf} source={source} computedAt={computedAt} id="figures-basis" />
          {table.pageCount > 1 ? (
            <p className="govuk-body" id="organisations-shown">
              Showing organisations {formatCount(table.from)} to {formatCount(table.to)} of {formatCount(table.total)}.
            </p>
          ) : null}
          <Table
            caption={`Organisations and their compliance status${table.pageCount > 1 ? `, page ${table.page} of ${table.pageCount}` : ""}`}
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
                <a className="govuk-link" href={`/organisations/${r.id}`}>{r.name}</a>{" "}
                <span className="text-govuk-secondary-text font-normal">
                  ({r.acronym}){r.continued ? ", continued from the previous page" : ""}
                </span>
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
              formatCompleteness(r),
            ])}
          />
          <Pagination
            label="Organisations pages"
            previousHref={table.page > 1 ? pageHref(table.page - 1) : undefined}
            nextHref={table.page < table.pageCount ? pageHref(table.page + 1) : undefined}
            pages={pageItems(table.page, table.pageCount, pageHref)}
          />
        </>
      )}
    </>
  );
}
