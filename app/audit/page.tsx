import type { Metadata } from "next";
import { Button, DateInput, ErrorSummary, Heading, Pagination, Select, TextInput, dateInputErrorTarget } from "@/components/govuk";
import { actionLabel, entityTypeLabel } from "@/lib/audit/describe-event";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { auditFilterChoices, listAuditEvents } from "@/lib/data/audit-log";
import { auditQuerySchema } from "@/lib/validation/audit";
import { AuditTable } from "@/components/register/audit-history";
import { pageItems, withQuery } from "@/components/register/format";

export async function generateMetadata({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }): Promise<Metadata> {
  const query = auditQuerySchema.parse(await searchParams);
  return { title: Object.keys(query.errors).length > 0 ? "Error: Audit trail" : "Audit trail" };
}

const byText = <T extends { text: string }>(options: T[]) => options.sort((a, b) => a.text.localeCompare(b.text, "en-GB"));

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("audit:read", "/audit");
  const query = auditQuerySchema.parse(await searchParams);
  const choices = await auditFilterChoices(actor);
  const list = await listAuditEvents(actor, query);
  const current = { entityType: query.entityType, action: query.action, email: query.email, from: query.from, to: query.to };
  const pageHref = (n: number) => withQuery("/audit", current, { page: n === 1 ? null : n });
  const from = list.total === 0 ? 0 : (list.page - 1) * list.perPage + 1;
  const to = Math.min(list.page * list.perPage, list.total);

  const errorItems = (["from", "to"] as const).flatMap((k) => (query.errors[k] ? [{ href: `#${dateInputErrorTarget(k, query.typed[k])}`, text: query.errors[k] }] : []));

  return (
    <>
      <ErrorSummary errors={errorItems} />
      <Heading level={1} size="l">
        Audit trail
      </Heading>
      <p className="govuk-body">
        Every change to the register, who made it and when, newest first.{" "}
        {actor.scope.all ? "You can see changes across all organisations." : "You can see changes to your organisation's records."} Recorded
        changes cannot be altered or deleted.
      </p>
      <form method="get" action="/audit" role="search" aria-label="Filter the audit trail">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select
              id="entityType"
              name="entityType"
              label="Type of record"
              defaultValue={query.entityType ?? ""}
              options={[{ value: "", text: "Any" }, ...byText(choices.entityTypes.map((t) => ({ value: t, text: entityTypeLabel(t) })))]}
            />
            <Select
              id="action"
              name="action"
              label="Action"
              defaultValue={query.action ?? ""}
              options={[{ value: "", text: "Any" }, ...byText(choices.actions.map((a) => ({ value: a, text: actionLabel(a) })))]}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <TextInput id="email" name="email" type="email" label="Changed by (email address)" spellCheck={false} defaultValue={query.email} />
          </div>
          <div className="govuk-grid-column-one-third">
            <DateInput id="from" name="from" legend="From date (optional)" legendSize="s" hint="For example, 27 3 2025" values={query.typed.from} error={query.errors.from} />
            <DateInput id="to" name="to" legend="To date (optional)" legendSize="s" values={query.typed.to} error={query.errors.to} />
          </div>
        </div>
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>{" "}
        <a className="govuk-link govuk-body" href="/audit">
          Clear filters
        </a>
      </form>
      <p className="govuk-body" role="status">
        {list.total === 0 ? "No changes match." : `Showing ${from} to ${to} of ${list.total} ${list.total === 1 ? "change" : "changes"}`}
      </p>
      <AuditTable
        caption="Changes, newest first"
        events={list.rows}
        showEntity
        links={{ registerLinks: can(actor.role, "register:read"), adminLinks: can(actor.role, "admin:users") }}
        emptyText="No changes match these filters."
      />
      <Pagination
        previousHref={list.page > 1 ? pageHref(list.page - 1) : undefined}
        nextHref={list.page < list.pageCount ? pageHref(list.page + 1) : undefined}
        pages={pageItems(list.page, list.pageCount, pageHref)}
        label="Pages of the audit trail"
      />
    </>
  );
}
