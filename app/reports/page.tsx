import type { Metadata } from "next";
import { cache } from "react";
import {
  Button, ButtonGroup, ButtonLink, ErrorSummary, Heading, InsetText, Select, Table, WarningText,
} from "@/components/govuk";
import { AppError } from "@/lib/auth/errors";
import { requirePagePermission } from "@/lib/auth/session";
import { formatLongDate } from "@/lib/compliance";
import { getComplianceFigures } from "@/lib/data/figures";
import { listRecentReports, reportChoices } from "@/lib/data/reports";
import { formatDateTime, PROTECTIVE_MARKING } from "@/lib/reports/format";
import { downloadHref } from "@/lib/reports/query";
import { summaryParagraph } from "@/lib/reports/summary-text";

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

  let summary: string | null = null;
  if (selection.errors.length === 0 && choices.scopes.length > 0) {
    try {
      const figures = await getComplianceFigures(actor, { asOf: selection.asOf, organisationId: selection.organisationId });
      summary = summaryParagraph(figures);
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
                    { value: "today", text: "Today (current figures)" },
                    ...choices.snapshotDates.map((d) => ({ value: d, text: `${formatLongDate(d)} (snapshot)` })),
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
              {summary ? (
                <InsetText><p className="govuk-body" data-testid="report-summary">{summary}</p></InsetText>
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
        head={[
          { text: "Generated" }, { text: "By" }, { text: "Format" }, { text: "Scope" }, { text: "As of" },
          { text: "SHA-256 (first 12 characters)" },
        ]}
        rows={recent.map((r) => [
          formatDateTime(r.createdAt),
          r.userEmail,
          r.format,
          r.scope,
          formatLongDate(r.asOf),
          <code key="sha" title={r.sha256}>{r.sha256.slice(0, 12)}</code>,
        ])}
        emptyText="No reports have been generated yet."
      />
    </>
  );
}
