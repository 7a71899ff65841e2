import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumbs, Heading, InsetText, WarningText } from "@/components/govuk";
import { ColumnsForm } from "@/components/discovery/columns-form";
import { listInWords } from "@/components/discovery/words";
import { idParam, orNotFound } from "@/components/register/not-found";
import { requirePagePermission } from "@/lib/auth/session";
import { getColumnChoice } from "@/lib/data/discovery";
import { VMS_FIELDS, isSecretHeader } from "@/lib/validation/discovery-mapping";
import { chooseColumnsAction } from "@/app/discovery/actions";

export const metadata: Metadata = { title: "Choose the camera list's columns" };

function secretSentence(columns: readonly string[]): string {
  return columns.length === 1
    ? `The column ${columns[0]} looks like it holds passwords: the register will not read it, and it is never stored.`
    : `The columns ${listInWords(columns)} look like they hold passwords: the register will not read them, and they are never stored.`;
}

export default async function ColumnsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/discovery/${raw}/columns`);
  const id = idParam(raw);
  const choice = await orNotFound(getColumnChoice(actor, id));
  // Already read (reconciled or refused): its page says what happened.
  if ("state" in choice) redirect(`/discovery/${id}`);
  // The same test the reader applies, so the page and the file agree on what is never read.
  const secret = choice.headers.filter(isSecretHeader);
  const headers = [...new Set(choice.headers.filter((h) => !isSecretHeader(h)))];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ text: "Network discovery", href: "/discovery" }, { text: choice.filename }]} />
        <Heading level={1} size="l" caption={choice.filename}>
          Which columns hold the cameras&apos; details?
        </Heading>
        <p className="govuk-body">
          Choose the column of the camera list that holds each detail. The register matches each camera by its MAC address, then its
          serial number, then its IP address, so choose at least one of those.
        </p>
        {choice.product ? (
          <InsetText>These columns look like a {choice.product} camera report: check them.</InsetText>
        ) : null}
        {secret.length > 0 ? <WarningText>{secretSentence(secret)}</WarningText> : null}
        <ColumnsForm
          action={chooseColumnsAction.bind(null, id)}
          fields={VMS_FIELDS}
          headers={headers}
          mapping={choice.mapping}
          product={choice.product}
        />
      </div>
    </div>
  );
}
