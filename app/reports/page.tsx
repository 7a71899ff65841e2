import type { Metadata } from "next";
import { cache } from "react";
import { FiguresBasisLine } from "@/components/dashboard/figures-basis-line";
import {
  Button, ButtonGroup, ButtonLink, Details, ErrorSummary, Heading, InsetText, Select, Table, WarningText,
} from "@/components/govuk";
import { AppError } from "@/lib/auth/errors";
import { requirePagePermission } from "@/lib/auth/session";
import { formatLongDate } from "@/lib/compliance";
import { getComplianceFigures } from "@/lib/data/figures";
import { listRecentReports, reportChoices } from "@/lib/data/reports";
import { formatDateTime, PROTECTIVE_MARKING } from "@/lib/reports/format";
import { figuresBasisLabel } from "@/lib/reports/figures-basis";
import { downloadHref } from "@/lib/reports/query";
import { formatHeadline, headlineFigures, summaryParagraph } from "@/lib/reports/summary-text";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

interface Selection {
  organisationId: number | null;
  asOf: string | null;
  errors: { href: string; text: string; field: "scope" | "asOf" }[];
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// generateMetadata and the page both need the choices: cache() makes that one read a request.
const load = cache(async () => {
  const actor = await requirePagePermission("reports:read", "/reports");
  const choices = await reportChoices(actor);
  return { actor, choices };
});

async function readSelection(searchParams: SearchParams): Promise<Selection> {
  const { actor, choices } = await load();
  const params = await searchParams;
  const scopeParam = first(params.organisationId)?.trim() ?? "";
  const asOfParam = first(params.asOf)?.trim() ?? "";
  const errors: Selection["errors"] = [];

  // Only what the page offered is accepted, so a hand-edited URL cannot widen the scope.
  const defaultScope = choices.scopes[0]?.organisationId ?? null;
  let organisationId: number | null = defaultScope;
  if (scopeParam !== "") {
    const match = choices.scopes.find((s) => String(s.organisationId ?? "all") === scopeParam);
    if (match) organisationId = match.organisationId;
    else errors.push({ href: "#scope", text: "Select a scope from the list", field: "scope" });
  }
  if (!actor.scope.all && organisationId === null) organisationId = actor.organisationId;

  let asOf: string | null = null;
  if (asOfParam !== "" && asOfParam !== "today") {
    if (choices.snapshotDates.includes(asOfParam)) asOf = asOfParam;
    else errors.push({ href: "#asOf", text: "Select today or a snapshot date from the list", field: "asOf" });
  }
  return { organisationId, asOf, errors };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const selection = await readSelection(searchParams);
  return { title: `${selection.errors.length > 0 ? "Error: " : ""}Reports` };
}

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, choices } = await load();
  const selection = await readSelection(searchParams);
  const recent = await listRecentReports(actor, 20);
  const errorFor = (field: "scope" | "asOf") => selection.errors.find((e) => e.field === field)?.text ?? null;

  let figures: Awaited<ReturnType<typeof getComplianceFigures>> | null = null;
  if (selection.errors.length === 0 && choices.scopes.length > 0) {
    try {
      figures = await getComplianceFigures(actor, { asOf: selection.asOf, organisationId: selection.organisationId });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    }
  }

  return (
    <>
      <ErrorSummary errors={selection.errors.map(({ href, text }) => ({ href, text }))} />
      <Heading level={1} size="l">Reports</Heading>
      <p className="govuk-body">
        Download a summary of compliance with the directive on visual surveillance equipment (HCWS386), for all of
        government or for one department with its agencies, as of today or as of a daily snapshot.
      </p>
      <WarningText>
        Reports are marked {PROTECTIVE_MARKING}. Store and share them only as that marking allows.
      </WarningText>

      {choices.scopes.length === 0 ? (
        <p className="govuk-body">Your account is not linked to an organisation, so there is nothing to report on.</p>
      ) : (
        <>
          <form method="get" action="/reports" noValidate>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-half">
                <Select
                  id="scope"
                  name="organisationId"
                  label="Scope"
                  labelSize="s"
                  error={errorFor("scope")}
                  defaultValue={String(selection.organisationId ?? "all")}
                  options={choices.scopes.map((s) => ({ value: String(s.organisationId ?? "all"), text: s.label }))}
                  fullWidth
                />
              </div>
              <div className="govuk-grid-column-one-half">
                <Select
                  id="asOf"
                  name="asOf"
                  label="As of"
                  labelSize="s"
                  error={errorFor("asOf")}
                  defaultValue={selection.asOf ?? "today"}
                  options={[
                    { value: "today", text: "Today (live figures)" },
                    ...choices.snapshotDates.map((d) => ({ value: d, text: figuresBasisLabel({ asOf: d, source: "snapshot" }) })),
                  ]}
                  fullWidth
                />
              </div>
            </div>
            <Button variant="secondary">Show this report</Button>
          </form>

          {selection.errors.length === 0 ? (
            <>
              <Heading level={2} size="m">Summary</Heading>
              {figures ? (
                <>
                  <FiguresBasisLine asOf={figures.asOf} source={figures.source} computedAt={figures.computedAt} id="figures-basis" />
                  <InsetText><p className="govuk-body" data-testid="report-summary">{summaryParagraph(figures)}</p></InsetText>
                  <Table
                    caption="Headline figures in the report"
                    captionSize="s"
                    firstCellIsHeader
                    head={[{ text: "Figure" }, { text: "Value", numeric: true }]}
                    rows={headlineFigures(figures).map((f) => [f.label, formatHeadline(f)])}
                  />
                </>
              ) : (
                <p className="govuk-body">There are no figures for this scope and date.</p>
              )}
              <Heading level={2} size="m">Download</Heading>
              <ButtonGroup>
                <ButtonLink href={downloadHref("PDF", selection.asOf, selection.organisationId)} download>Download PDF</ButtonLink>
                <ButtonLink href={downloadHref("XLSX", selection.asOf, selection.organisationId)} variant="secondary" download>
                  Download spreadsheet (XLSX)
                </ButtonLink>
                <ButtonLink href={downloadHref("CSV", selection.asOf, selection.organisationId)} variant="secondary" download>
                  Download organisations (CSV)
                </ButtonLink>
              </ButtonGroup>
            </>
          ) : null}
        </>
      )}

      <Table
        caption="Recent reports"
        head={[{ text: "Generated" }, { text: "By" }, { text: "Format" }, { text: "Scope" }, { text: "As of" }]}
        rows={recent.map((r) => [formatDateTime(r.createdAt), r.userEmail, r.format, r.scope, formatLongDate(r.asOf)])}
        emptyText="No reports have been generated yet."
      />
      {recent.length > 0 ? (
        <Details summary="Check a downloaded file" id="check-a-file">
          <p className="govuk-body">
            Each report is recorded with a SHA-256 checksum of the file as it was downloaded. To check that a copy has
            not been changed since, work out its checksum (for example with <code>sha256sum</code> or{" "}
            <code>Get-FileHash</code>) and compare it with the one below.
          </p>
          <Table
            caption="Checksums of recent reports"
            captionSize="s"
            head={[{ text: "Generated" }, { text: "Format" }, { text: "Scope" }, { text: "SHA-256 checksum" }]}
            rows={recent.map((r) => [
              formatDateTime(r.createdAt),
              r.format,
              r.scope,
              <code key="sha" className="break-all">{r.sha256}</code>,
            ])}
          />
        </Details>
      ) : null}
    </>
  );
}
