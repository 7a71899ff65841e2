import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { updateProducerAction } from "@/app/admin/register/actions";
import { formatIsoDate } from "@/components/admin/format";
import { ProducerForm } from "@/components/admin/producer-forms";
import { confidenceText, ConfidenceTag, CoveredTag } from "@/components/admin/register-tags";
import { SourceLink } from "@/components/admin/source-link";
import { BackLink, ButtonLink, Heading, SummaryList, Table } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getProducer } from "@/lib/data/register";

export const metadata: Metadata = { title: "Producer" };

export default async function ProducerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:register", `/admin/register/producers/${id}`);
  const producer = await orNotFound(getProducer(actor, idFrom(id)));
  return (
    <>
      <BackLink href="/admin/register">Back to the producer register</BackLink>
      <Heading level={1} size="l" caption="Producer register">{producer.name}</Heading>
      <SummaryList
        rows={[
          ...(producer.legalName ? [{ key: "Legal name", value: producer.legalName }] : []),
          { key: "Covered", value: <CoveredTag covered={producer.covered} /> },
          { key: "Confidence", value: <ConfidenceTag confidence={producer.confidence} /> },
          { key: "Source", value: <SourceLink source={producer.source} sourceUrl={producer.sourceUrl} /> },
          { key: "Notes", value: producer.notes ?? "None" },
          { key: "MAC address prefixes", value: `${producer.macPrefixCount.toLocaleString("en-GB")} in the IEEE registry` },
        ]}
      />
      <Table
        caption="Brands"
        firstCellIsHeader
        head={[{ text: "Brand" }, { text: "Other names" }, { text: "Confidence" }, { text: "Valid until" }, { text: "Source" }]}
        rows={producer.brands.map((b) => [
          <a key="b" href={`/admin/register/brands/${b.id}`} className="govuk-link">
            {b.name}
            <span className="govuk-visually-hidden"> – change brand</span>
          </a>,
          b.aliases.length ? b.aliases.join(", ") : "None",
          confidenceText(b.confidence),
          b.validUntil ? formatIsoDate(b.validUntil) : "No end date",
          <SourceLink key="s" source={b.source} sourceUrl={b.sourceUrl} />,
        ])}
        emptyText="No brands besides the producer’s own name."
      />
      <ButtonLink href={`/admin/register/brands/new?producer=${producer.id}`} variant="secondary">Add a brand</ButtonLink>
      <Table
        caption="Model prefixes"
        firstCellIsHeader
        head={[{ text: "Prefix" }, { text: "Brand" }, { text: "Confidence" }, { text: "Action" }]}
        rows={producer.modelPrefixes.map((m) => [
          m.prefix,
          m.brand ?? "None",
          m.confidence ? confidenceText(m.confidence) : "As the producer and brand",
          <a key="r" href={`/admin/register/model-prefixes/${m.id}/remove`} className="govuk-link">
            Remove<span className="govuk-visually-hidden"> the model prefix {m.prefix}</span>
          </a>,
        ])}
        emptyText="No model prefixes: devices are matched by brand alone."
      />
      <ButtonLink href={`/admin/register/model-prefixes/new?producer=${producer.id}`} variant="secondary">Add a model prefix</ButtonLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={2} size="m">Change the producer</Heading>
          <ProducerForm action={updateProducerAction} producer={producer} cancelHref="/admin/register" />
        </div>
      </div>
    </>
  );
}
