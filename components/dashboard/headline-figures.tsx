"use client";
// A client component only so that its many small elements travel to the browser as the headline's
// few numbers rather than as markup (see figures-table.tsx); it is rendered on the server as HTML.
import { GridColumn, GridRow, KeyFigure, ProgressBar, statusPresentation, Table } from "@/components/govuk";
import type { DashboardHeadline } from "@/lib/dashboard/query-types";
import { formatChange, formatCompleteness, formatCount, formatDate } from "./format";

export interface HeadlineFiguresProps {
  headline: DashboardHeadline;
  deadline: string;
}

const STATUSES = ["RED", "AMBER", "GREEN", "NO_DATA"] as const;

function ChangeHint({ label, change }: { label: string; change: DashboardHeadline["sinceLast"] }) {
  if (!change) return <p className="govuk-body">No earlier snapshot to compare {label}.</p>;
  const removed = change.removedSince;
  if (removed === 0) {
    return (
      <p className="govuk-body">
        The same as {label} ({formatDate(change.date)}: {formatCount(change.coveredRemaining)} remaining)
      </p>
    );
  }
  return (
    <p className="govuk-body">
      {removed >= 0 ? `${formatCount(removed)} fewer` : `${formatCount(-removed)} more`} than {label} ({formatDate(change.date)}:{" "}
      {formatCount(change.coveredRemaining)} remaining)
    </p>
  );
}

/** The headline numbers in large type, one idea per card, each card's meaning in words. */
export function HeadlineFigures({ headline, deadline }: HeadlineFiguresProps) {
  const t = headline.totals;
  const onControlled = t.coveredRemaining + t.coveredRemoved;
  return (
    <>
      <h2 className="govuk-heading-l" id="organisations-by-status">Organisations by status</h2>
      <GridRow>
        {STATUSES.map((s) => {
          const { colour, text } = statusPresentation(s);
          return (
            <GridColumn width="one-quarter" key={s}>
              <KeyFigure
                className={`app-key-figure--${colour}`}
                label={text}
                value={formatCount(t.byStatus[s])}
                hint={`of ${formatCount(t.organisations)} organisations`}
                headingLevel={3}
              />
            </GridColumn>
          );
        })}
      </GridRow>

      <h2 className="govuk-heading-l" id="covered-equipment">Sites and covered equipment</h2>
      <GridRow>
        <GridColumn width="one-quarter">
          <KeyFigure label="Sensitive sites" value={formatCount(t.sensitiveSites)} hint={`of ${formatCount(t.sites)} sites recorded`} headingLevel={3} />
        </GridColumn>
        <GridColumn width="one-quarter">
          <KeyFigure label="Covered devices in service" value={formatCount(t.coveredInService)} hint="made by companies subject to the National Intelligence Law" headingLevel={3} />
        </GridColumn>
        <GridColumn width="one-quarter">
          <KeyFigure label="In service on sensitive sites" value={formatCount(t.coveredSensitive)} hint="covered devices in service on sensitive sites" headingLevel={3} />
        </GridColumn>
        <GridColumn width="one-quarter">
          <KeyFigure label="In service on core networks" value={formatCount(t.coveredCore)} hint="covered devices connected to departmental core networks" headingLevel={3} />
        </GridColumn>
      </GridRow>
      {t.probableUnrecorded === null ? null : (
        <GridRow>
          <GridColumn width="one-half">
            <KeyFigure
              className={t.probableUnrecorded > 0 ? "app-key-figure--red" : undefined}
              label="Found on the network, not recorded"
              value={formatCount(t.probableUnrecorded)}
              hint="hosts that network scans and camera lists show are probably covered equipment, missing from the register"
              headingLevel={3}
            />
          </GridColumn>
        </GridRow>
      )}

      <h2 className="govuk-heading-l" id="removal-progress">Removal progress</h2>
      <p className="govuk-body-l">
        Covered equipment on controlled sites (sensitive sites, and others where the controls were extended) was to be
        replaced no later than {formatDate(deadline)}.
      </p>
      <GridRow>
        <GridColumn width="one-third">
          <KeyFigure
            className="app-key-figure--red"
            label="Covered devices still on controlled sites"
            value={formatCount(t.coveredRemaining)}
            hint={`${formatCount(t.coveredRemoved)} removed so far`}
            headingLevel={3}
          />
        </GridColumn>
        <GridColumn width="one-third">
          <KeyFigure
            label="Change since the last snapshot"
            value={headline.sinceLast ? formatChange(-headline.sinceLast.removedSince) : "None"}
            hint={<ChangeHint label="the last snapshot" change={headline.sinceLast} />}
            headingLevel={3}
          />
        </GridColumn>
        <GridColumn width="one-third">
          <KeyFigure
            label="Change since the directive"
            value={headline.sinceDirective ? formatChange(-headline.sinceDirective.removedSince) : "None"}
            hint={<ChangeHint label="the first snapshot after the directive" change={headline.sinceDirective} />}
            headingLevel={3}
          />
        </GridColumn>
      </GridRow>
      <ProgressBar
        label="Covered devices removed from controlled sites"
        value={t.coveredRemoved}
        max={Math.max(onControlled, 1)}
        valueText={`${formatCount(t.coveredRemoved)} of ${formatCount(onControlled)} removed`}
      />

      <GridRow>
        <GridColumn width="one-third">
          <h2 className="govuk-heading-l" id="data-completeness">Data completeness</h2>
          <KeyFigure
            label="In-service devices fully recorded"
            value={formatCompleteness(t)}
            hint={`${formatCount(t.inServiceComplete)} of ${formatCount(t.inService)} have producer, install date, network and site sensitivity recorded`}
            headingLevel={3}
          />
        </GridColumn>
        <GridColumn width="two-thirds">
          <h2 className="govuk-heading-l" id="breaches-by-rule">Breaches by rule</h2>
          <Table
            caption="Devices in breach, by the rule they break"
            captionSize="s"
            head={[{ text: "Rule" }, { text: "Breaches", numeric: true }]}
            rows={headline.breachesByRule.map((r) => [
              <>
                {r.title} <span className="text-govuk-secondary-text">({r.ruleId})</span>
              </>,
              <span key="n" className="text-2xl font-bold">{formatCount(r.count)}</span>,
            ])}
            firstCellIsHeader
            emptyText="No breaches."
          />
        </GridColumn>
      </GridRow>
    </>
  );
}
