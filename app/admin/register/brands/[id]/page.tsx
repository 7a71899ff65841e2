import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { saveBrandAction } from "@/app/admin/register/actions";
import { BrandForm } from "@/components/admin/register-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getBrand, listProducerOptions } from "@/lib/data/register";

export const metadata: Metadata = { title: "Change a brand" };

export default async function BrandPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:register", `/admin/register/brands/${id}`);
  const brand = await orNotFound(getBrand(actor, idFrom(id)));
  const producers = await listProducerOptions(actor);
  return (
    <>
      <BackLink href={`/admin/register/producers/${brand.producerId}`}>Back to {brand.producerName}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={brand.producerName}>Change the brand {brand.name}</Heading>
          <BrandForm action={saveBrandAction} producers={producers} cancelHref={`/admin/register/producers/${brand.producerId}`} brand={brand} />
        </div>
      </div>
    </>
  );
}
