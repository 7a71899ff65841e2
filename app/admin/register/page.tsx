import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatIsoDate } from "@/components/admin/format";
import { confidenceText, ConfidenceTag, CoveredTag } from "@/components/admin/register-tags";
import { SourceLink } from "@/components/admin/source-link";
import { ButtonLink, Heading, InsetText, Table } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listProducers, type BrandRow } from "@/lib/data/register";

export const metadata: Metadata = { title: "Producer register" };

function BrandList({ brands }: { brands: BrandRow[] }) {
  if (brands.length === 0) return <>None</>;
  return (
    <ul className="govuk-list">
      {brands.map((b) => (
        <li key={b.id}>
          <a href={`/admin/register/brands/${b.id}`} className="govuk-link">{b.name}</a>
          {b.aliases.length ? <> (also {b.aliases.join(", ")})</> : null}
          {" – "}
          {confidenceText(b.confidence).toLowerCase()} confidence
          {b.validUntil ? <>, until {formatIsoDate(b.validUntil)}</> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function RegisterPage() {
  const actor = await requirePagePermission("admin:register", "/admin/register");
  const producers = await listProducers(actor);
  return (
    <>
      <Heading level={1} size="l">Producer register</Heading>
      <AdminNav current="register" />
      <p className="govuk-body">
        The register resolves the brand on a device’s label, and its model number where known, to the company that produced
        it, and records whether that company is subject to the National Intelligence Law of the People’s Republic of China.
      </p>
      <InsetText>Low-confidence entries never count as compliant: their devices show “producer unknown” until someone checks the label.</InsetText>
      <ButtonLink href="/admin/register/producers/new" variant="secondary">Add a producer</ButtonLink>
      <Table
        caption={`${producers.length} producers`}
        firstCellIsHeader
        head={[
          { text: "Producer" },
          { text: "Covered" },
          { text: "Confidence" },
          { text: "Source" },
          { text: "Brands" },
          { text: "Model prefixes" },
          { text: "MAC prefixes", numeric: true },
        ]}
        rows={producers.map((p) => [
          <a key="p" href={`/admin/register/producers/${p.id}`} className="govuk-link">{p.name}</a>,
          <CoveredTag key="c" covered={p.covered} />,
          <ConfidenceTag key="f" confidence={p.confidence} />,
          <SourceLink key="s" source={p.source} sourceUrl={p.sourceUrl} />,
          <BrandList key="b" brands={p.brands} />,
          p.modelPrefixes.length ? p.modelPrefixes.map((m) => m.prefix).join(", ") : "None",
          p.macPrefixCount.toLocaleString("en-GB"),
        ])}
        emptyText="The register is empty."
      />
    </>
  );
}
