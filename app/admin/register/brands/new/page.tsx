import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/admin/not-found-unless";
import { saveBrandAction } from "@/app/admin/register/actions";
import { BrandForm } from "@/components/admin/register-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getProducer, listProducerOptions } from "@/lib/data/register";

export const metadata: Metadata = { title: "Add a brand" };

export default async function NewBrandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("admin:register", "/admin/register/brands/new");
  const raw = (await searchParams).producer;
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) notFound();
  const producer = await orNotFound(getProducer(actor, Number(raw)));
  const producers = await listProducerOptions(actor);
  return (
    <>
      <BackLink href={`/admin/register/producers/${producer.id}`}>Back to {producer.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={producer.name}>Add a brand</Heading>
          <BrandForm
            action={saveBrandAction}
            producers={producers}
            cancelHref={`/admin/register/producers/${producer.id}`}
            brand={{ id: null, version: null, producerId: producer.id, name: "", aliases: [], confidence: producer.confidence, validUntil: null, source: producer.source, sourceUrl: producer.sourceUrl, notes: null }}
          />
        </div>
      </div>
    </>
  );
}
