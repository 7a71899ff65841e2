import type { Metadata } from "next";
import { cache } from "react";
import { Breadcrumbs, Button, Heading, Select, SummaryList, Table } from "@/components/govuk";
import { DoneBanner } from "@/components/register/done-banner";
import { londonDateTime, longDate } from "@/components/register/format";
import { idParam } from "@/components/register/not-found";
import { attestedOfTotal, statusCountsText, statusFilterOf } from "@/components/returns/format";
import { ReturnStatusTag } from "@/components/returns/return-parts";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getRound } from "@/lib/data/returns";
import { formatCount } from "@/lib/presentation/figures-format";
import { RETURN_STATUSES, RETURN_STATUS_LABELS } from "@/lib/returns/types";
import { one, orRefusal, type SearchParams } from "../load";

type Params = Promise<{ roundId: string }>;

const DONE = { opened: "The return round has been opened" };

const load = cache(async (raw: string) => {
  const actor = await requirePagePermission("returns:read", `/returns/${raw}`);
  const id = idParam(raw);
  return { actor, ...(await orRefusal(getRound(actor, id))) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { roundId } = await params;
  const { round } = await load(roundId);
  return { title: `${round.name}: returns` };
}

export default async function RoundPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { roundId } = await params;
  const search = await searchParams;
  const { actor, round, departments } = await load(roundId);
  const manager = can(actor.role, "returns:manage");
  const status = statusFilterOf(search.status);
  const shown = status ? departments.filter((d) => d.status === status) : departments;
  const path = `/returns/${round.id}`;

  return (
    <>
      <Breadcrumbs items={[{ text: "Returns", href: "/returns" }, { text: round.name }]} />
      <DoneBanner done={one(search.done)} messages={DONE} />
      <Heading level={1} size="l" caption="Return round">
        {round.name}
      </Heading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Figures as of", value: longDate(round.asOf) },
              { key: "Due", value: longDate(round.dueOn) },
              { key: "Opened", value: `${londonDateTime(round.openedAt)} by ${round.openedBy}` },
              ...(round.closedAt ? [{ key: "Closed", value: londonDateTime(round.closedAt) }] : []),
              ...(manager
                ? [
                    { key: "Departments attested", value: attestedOfTotal(round.byStatus, round.departments) },
                    { key: "Returns by status", value: statusCountsText(round.byStatus) },
                  ]
                : []),
              {
                key: "Statements to confirm",
                value: (
                  <ol className="govuk-list govuk-list--number govuk-!-margin-bottom-0">
                    {round.declarations.map((d) => (
                      <li key={d.id}>{d.text}</li>
                    ))}
                  </ol>
                ),
              },
            ]}
          />
        </div>
      </div>

      <h2 className="govuk-heading-m" id="departments">
        {manager ? "Departments" : "Your department"}
      </h2>
      {manager ? (
        <form method="get" action={path} noValidate aria-label="Filter returns by status" className="govuk-!-margin-bottom-4">
          <Select
            id="status"
            name="status"
            label="Status"
            labelSize="s"
            defaultValue={status ?? ""}
            options={[{ value: "", text: "Any status" }, ...RETURN_STATUSES.map((s) => ({ value: s, text: RETURN_STATUS_LABELS[s] }))]}
          />
          <Button variant="secondary" className="govuk-!-margin-bottom-0">
            Show returns
          </Button>
        </form>
      ) : null}
      {manager ? (
        <p className="govuk-body" role="status">
          {status
            ? `${formatCount(shown.length)} of ${formatCount(departments.length)} ${departments.length === 1 ? "department is" : "departments are"} ${RETURN_STATUS_LABELS[status].toLowerCase()}.`
            : `${formatCount(departments.length)} ${departments.length === 1 ? "department" : "departments"}.`}
          {status ? (
            <>
              {" "}
              <a className="govuk-link" href={`${path}#departments`}>
                Show every department
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <Table
        caption={status ? `Departments' returns: ${RETURN_STATUS_LABELS[status].toLowerCase()}` : "Departments' returns"}
        captionVisuallyHidden
        firstCellIsHeader
        head={[{ text: "Department" }, { text: "Status" }, { text: "Attested by" }, { text: "Attested" }]}
        emptyText={status ? "No department's return has this status." : "This round covers no departments."}
        rows={shown.map((d) => [
          <a key="department" className="govuk-link" href={`${path}/${d.organisationId}`}>
            {d.name} ({d.acronym})
          </a>,
          <ReturnStatusTag key="status" status={d.status} />,
          d.attestedBy ?? "Not attested",
          d.attestedAt ? londonDateTime(d.attestedAt) : "Not attested",
        ])}
      />
    </>
  );
}
