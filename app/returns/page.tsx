import type { Metadata } from "next";
import { ButtonLink, Heading, Table } from "@/components/govuk";
import { longDate } from "@/components/register/format";
import { attestedOfTotal, statusCountsText } from "@/components/returns/format";
import { ReturnStatusTag } from "@/components/returns/return-parts";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getRound, listRounds } from "@/lib/data/returns";
import type { DepartmentReturnRow, RoundSummary } from "@/lib/returns/types";

export const metadata: Metadata = { title: "Returns" };

/** Newest first: the latest as-of date, then the latest opened. */
function newestFirst(rounds: readonly RoundSummary[]): RoundSummary[] {
  return [...rounds].sort((a, b) => b.asOf.localeCompare(a.asOf) || b.openedAt.localeCompare(a.openedAt) || b.id - a.id);
}

function RoundLink({ round }: { round: RoundSummary }) {
  return (
    <a className="govuk-link" href={`/returns/${round.id}`}>
      {round.name}
    </a>
  );
}

export default async function ReturnsPage() {
  const actor = await requirePagePermission("returns:read", "/returns");
  const manager = can(actor.role, "returns:manage");
  const rounds = newestFirst(await listRounds(actor));
  // Department staff see their own department's return in each round: the round's one row for them.
  const own: Map<number, DepartmentReturnRow | null> = new Map(
    manager
      ? []
      : await Promise.all(rounds.map(async (r) => [r.id, (await getRound(actor, r.id)).departments[0] ?? null] as const)),
  );

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">
            Returns
          </Heading>
          <p className="govuk-body">
            {manager
              ? "The Cabinet Office asks departments for periodic returns. In each round, every department's accountable official reviews the department's figures for the round's as-of date and its open findings, answers the round's statements and attests that they are true."
              : "The Cabinet Office asks departments for periodic returns. In each round, your department's accountable official reviews the department's figures for the round's as-of date and its open findings, answers the round's statements and attests that they are true."}
          </p>
          {manager ? <ButtonLink href="/returns/new">Open a return round</ButtonLink> : null}
        </div>
      </div>
      {manager ? (
        <Table
          caption="Return rounds, newest first"
          firstCellIsHeader
          head={[{ text: "Round" }, { text: "As of" }, { text: "Due" }, { text: "Departments attested" }, { text: "Returns by status" }]}
          emptyText="No return rounds have been opened yet."
          rows={rounds.map((r) => [
            <RoundLink key="round" round={r} />,
            longDate(r.asOf),
            longDate(r.dueOn),
            attestedOfTotal(r.byStatus, r.departments),
            statusCountsText(r.byStatus),
          ])}
        />
      ) : (
        <Table
          caption="Your department's returns, newest first"
          firstCellIsHeader
          head={[{ text: "Round" }, { text: "As of" }, { text: "Due" }, { text: "Status" }, { text: "Return" }]}
          emptyText="Your department has not been asked for a return yet."
          rows={rounds.map((r) => {
            const row = own.get(r.id) ?? null;
            return [
              <RoundLink key="round" round={r} />,
              longDate(r.asOf),
              longDate(r.dueOn),
              row ? <ReturnStatusTag key="status" status={row.status} /> : "Not known",
              row ? (
                <a key="return" className="govuk-link" href={`/returns/${r.id}/${row.organisationId}`}>
                  {row.name}&apos;s return<span className="govuk-visually-hidden"> for {r.name}</span>
                </a>
              ) : (
                "None"
              ),
            ];
          })}
        />
      )}
    </>
  );
}
