import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import {
  ErrorSummary,
  Heading,
  NotificationBanner,
  Panel,
  StatusTag,
  SummaryList,
  Table,
  WarningText,
} from "@/components/govuk";
import { ConfirmForm } from "@/app/import/confirm-form";
import { AppError } from "@/lib/auth/errors";
import { requirePagePermission } from "@/lib/auth/session";
import { getImportBatch, type ImportBatchView } from "@/lib/data/imports";
import { statusTotals, type ImportResult } from "@/lib/import/apply";
import type { RowError } from "@/lib/import/validate-file";
import { plural } from "@/lib/text/plural";

export const dynamic = "force-dynamic";

type Params = Promise<{ batchId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PROBLEMS: Record<string, string> = {
  applied: "This file has already been imported.",
  changed: "The register has changed since this preview and some rows no longer fit. Nothing was changed: upload the file again to see why.",
  expired: "This upload has expired. Nothing was changed: upload the file again.",
  errors: "This file has errors. Nothing was changed: fix them and upload the file again.",
  busy: "You already have an import being checked or applied, or the register is busy with others. Nothing was changed: wait a minute, then confirm again.",
  failed: "The import could not be applied. Nothing was changed: try again, and contact the service desk if it keeps happening.",
};

async function load(batchId: string): Promise<ImportBatchView> {
  const actor = await requirePagePermission("register:write", `/import/${batchId}`);
  try {
    return await getImportBatch(actor, batchId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { batchId } = await params;
  const batch = await load(batchId);
  if (batch.appliedAt) return { title: "Import complete" };
  return { title: batch.blocked ? "Error: Check your import" : "Check your import" };
}

const n = (x: number) => x.toLocaleString("en-GB");

function statusCell(status: string): ReactNode {
  if (status === "NEW") return "New device";
  if (status === "NOT_EVALUATED") return "Not evaluated";
  return <StatusTag status={status} />;
}

const STATUS_ORDER = ["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY", "COMPLIANT", "REMOVED", "NOT_EVALUATED", "NEW"];
const byStatus = (a: string, b: string) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b);

function StatusTables({ result, applied }: { result: ImportResult; applied: boolean }) {
  const { before, after } = statusTotals(result.changes);
  const statuses = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((s) => s !== "NEW").sort(byStatus);
  const moved = result.changes.filter((c) => c.from !== c.to);
  return (
    <>
      <Table
        caption={applied ? "Statuses of the devices in the file" : "How statuses will change"}
        head={[{ text: "Status" }, { text: "Before", numeric: true }, { text: applied ? "After" : "After the import", numeric: true }]}
        rows={[
          ...statuses.map((s) => [statusCell(s), n(before[s] ?? 0), n(after[s] ?? 0)]),
          ...(before.NEW ? [["New devices", n(before.NEW), "—"]] : []),
        ]}
        firstCellIsHeader
      />
      <Table
        caption={applied ? "Devices whose status changed" : "Devices whose status will change"}
        captionSize="s"
        head={[{ text: "From" }, { text: "To" }, { text: "Devices", numeric: true }]}
        rows={moved.map((c) => [statusCell(c.from), statusCell(c.to), n(c.devices)])}
        emptyText="No device changes status."
      />
    </>
  );
}

function ErrorList({ errors, total, caption }: { errors: RowError[]; total: number; caption: string }) {
  return (
    <>
      {total > errors.length ? (
        <p className="govuk-body">
          The first {plural(errors.length, "problem")} of {n(total)} are listed. Fix them and upload the file again to see the rest.
        </p>
      ) : null}
      <Table
        caption={caption}
        head={[{ text: "Row", numeric: true }, { text: "Column" }, { text: "Problem" }]}
        rows={errors.map((e, i) => [
          <span key="r" id={`row-error-${i}`} tabIndex={-1}>{e.row}</span>,
          e.column ? <code key="c">{e.column}</code> : "—",
          e.message,
        ])}
      />
    </>
  );
}

function summaryOf(errors: RowError[]) {
  return errors.map((e, i) => ({
    href: `#row-error-${i}`,
    text: e.column ? `Row ${e.row}, column ${e.column}: ${e.message}` : `Row ${e.row}: ${e.message}`,
  }));
}

export default async function ImportBatchPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { batchId } = await params;
  const { problem } = await searchParams;
  const batch = await load(batchId);
  const { summary } = batch;
  const problemText = typeof problem === "string" ? PROBLEMS[problem] : undefined;
  const orgs = batch.organisations.map((o) => `${o.name} (${o.acronym})`).join(", ");

  if (batch.appliedAt && summary.applied) {
    const r = summary.applied;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problemText ? <NotificationBanner title="Important">{problemText}</NotificationBanner> : null}
          <Panel title="Import complete" headingLevel={1}>
            {plural(r.created, "device")} added, {n(r.updated)} updated, {n(r.unchanged)} unchanged
          </Panel>
          <SummaryList
            rows={[
              { key: "File", value: batch.filename },
              { key: "Organisations", value: orgs || "—" },
              { key: "Sites added", value: n(r.sitesCreated) },
              { key: "Camera systems added", value: n(r.systemsCreated) },
            ]}
          />
          <StatusTables result={r} applied />
          <p className="govuk-body">
            <a className="govuk-link" href="/import">Import another file</a>
          </p>
        </div>
      </div>
    );
  }

  const p = summary.preview;
  if (batch.blocked) {
    const fileErrors = summary.errorCount > 0;
    const errors = fileErrors ? summary.errors : (p?.conflicts ?? []);
    const total = fileErrors ? summary.errorCount : (p?.conflictCount ?? 0);
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <ErrorSummary
            errors={summaryOf(errors.slice(0, 50))}
            description={`Nothing has been saved. Fix ${total === 1 ? "this problem" : `these ${n(total)} problems`} in ${batch.filename} and upload it again.`}
          />
          <Heading level={1} size="l">Check your import</Heading>
          <p className="govuk-body">
            {batch.filename}: {plural(summary.rows, "row")}, {plural(total, "problem")}.{" "}
            {fileErrors ? null : `${total === 1 ? "This row does" : "These rows do"} not fit what is already in the register.`}
          </p>
          <WarningText>Nothing has been saved to the register.</WarningText>
          <ErrorList errors={errors} total={total} caption={`Problems in ${batch.filename}`} />
          <p className="govuk-body">
            <a className="govuk-link" href="/import">Upload a corrected file</a>
          </p>
        </div>
      </div>
    );
  }

  if (!p) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {problemText ? <NotificationBanner title="Important">{problemText}</NotificationBanner> : null}
        <Heading level={1} size="l">Check your import</Heading>
        <p className="govuk-body">Every row of {batch.filename} is valid. Nothing has been saved yet: check what will change, then confirm.</p>
        <SummaryList
          rows={[
            { key: "File", value: batch.filename },
            { key: "Organisations", value: orgs || "—" },
            { key: "Rows", value: n(summary.rows) },
            { key: "Devices to add", value: n(p.created) },
            { key: "Devices to update", value: n(p.updated) },
            { key: "Devices unchanged", value: n(p.unchanged) },
            { key: "Sites to add", value: n(p.sitesCreated) },
            { key: "Camera systems to add", value: n(p.systemsCreated) },
            ...(summary.ignoredColumns.length ? [{ key: "Columns ignored", value: summary.ignoredColumns.join(", ") }] : []),
          ]}
        />
        <StatusTables result={p} applied={false} />
        {p.created + p.updated === 0 ? (
          <p className="govuk-body">This file matches the register exactly: importing it will change nothing.</p>
        ) : null}
        <ConfirmForm batchId={batch.id} rows={summary.validRows} />
        <p className="govuk-body">
          <a className="govuk-link" href="/import">Cancel and upload a different file</a>
        </p>
      </div>
    </div>
  );
}
