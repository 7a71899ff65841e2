// The dashboard's view of the latest return round: each department's return status, with a filter.
import { Button, Select, Table } from "@/components/govuk";
import { ReturnStatusTag } from "@/components/returns/return-parts";
import { formatDate } from "@/components/dashboard/format";
import { returnsParagraph } from "@/lib/reports/returns-text";
import { RETURN_STATUSES, RETURN_STATUS_LABELS, type ReturnStatus, type RoundStatuses } from "@/lib/returns/types";

const attestedOn = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

export interface ReturnsSectionProps {
  returns: RoundStatuses | null;
  /** The status the table is filtered to, or null for every department. */
  filter: ReturnStatus | null;
  /** The dashboard's other view settings, kept when the filter is applied. */
  keep: Record<string, string>;
  basePath: string;
  /** Link each department to its return (people who may read returns). */
  linkReturns: boolean;
}

export function ReturnsSection({ returns, filter, keep, basePath, linkReturns }: ReturnsSectionProps) {
  if (!returns) {
    return (
      <>
        <h2 className="govuk-heading-l" id="returns">Returns</h2>
        <p className="govuk-body">No return round has been opened.</p>
      </>
    );
  }
  const shown = filter ? returns.departments.filter((d) => d.status === filter) : returns.departments;
  const counts = RETURN_STATUSES.map((s) => ({ status: s, n: returns.departments.filter((d) => d.status === s).length }));
  return (
    <>
      <h2 className="govuk-heading-l" id="returns">Returns</h2>
      <p className="govuk-body">{returnsParagraph(returns)}</p>
      <form method="get" action={`${basePath}#returns`} className="mb-6 border-l-4 border-[#b1b4b6] bg-[#f3f2f1] p-4">
        <div className="flex flex-wrap items-end gap-x-6">
          <Select
            id="return"
            name="return"
            label="Return status"
            defaultValue={filter ?? ""}
            options={[
              { value: "", text: `Any status (${returns.departments.length})` },
              ...counts.map(({ status, n }) => ({ value: status, text: `${RETURN_STATUS_LABELS[status]} (${n})` })),
            ]}
          />
          {Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
          <Button variant="secondary">Show returns</Button>
        </div>
        {filter ? (
          <p className="govuk-body govuk-!-margin-bottom-0">
            <a className="govuk-link" href={`${basePath}${Object.keys(keep).length ? `?${new URLSearchParams(keep).toString()}` : ""}#returns`}>Clear the return status filter</a>
          </p>
        ) : null}
      </form>
      <Table
        caption={`Returns in the round "${returns.round.name}", figures as of ${formatDate(returns.round.asOf)}${filter ? `: ${RETURN_STATUS_LABELS[filter].toLowerCase()}` : ""}`}
        captionSize="s"
        head={[{ text: "Department" }, { text: "Return" }, { text: "Attested by" }, { text: "Attested on" }]}
        rows={shown.map((d) => [
          linkReturns ? <a key="name" className="govuk-link" href={`/returns/${returns.round.id}/${d.organisationId}`}>{d.name}</a> : d.name,
          <ReturnStatusTag key="status" status={d.status} />,
          d.attestedBy ?? "Not attested",
          d.attestedAt ? attestedOn.format(new Date(d.attestedAt)) : "",
        ])}
        emptyText="No department's return has this status."
      />
    </>
  );
}
