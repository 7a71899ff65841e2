import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/admin/not-found-unless";
import { addModelPrefixAction } from "@/app/admin/register/actions";
import { ModelPrefixForm } from "@/components/admin/register-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getProducer } from "@/lib/data/register";

export const metadata: Metadata = { title: "Add a model prefix" };

export default async function NewModelPrefixPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("admin:register", "/admin/register/model-prefixes/new");
  const raw = (await searchParams).producer;
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) notFound();
  const producer = await orNotFound(getProducer(actor, Number(raw)));
  return (
    <>
      <BackLink href={`/admin/register/producers/${producer.id}`}>Back to {producer.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={producer.name}>Add a model prefix</Heading>
          <ModelPrefixForm
            action={addModelPrefixAction}
            producerId={producer.id}
            brands={producer.brands.map((b) => b.name)}
            cancelHref={`/admin/register/producers/${producer.id}`}
          />
        </div>
      </div>
    </>
  );
}
