import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { removeModelPrefixAction } from "@/app/admin/register/actions";
import { RemoveModelPrefixForm } from "@/components/admin/register-forms";
import { confidenceText } from "@/components/admin/register-tags";
import { BackLink, Heading, SummaryList, WarningText } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getModelPrefix } from "@/lib/data/register";

export const metadata: Metadata = { title: "Remove a model prefix" };

/** Removing a prefix changes how devices are matched, so it is asked for on a page of its own. */
export default async function RemoveModelPrefixPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:register", `/admin/register/model-prefixes/${id}/remove`);
  const prefix = await orNotFound(getModelPrefix(actor, idFrom(id)));
  const back = `/admin/register/producers/${prefix.producerId}`;
  return (
    <>
      <BackLink href={back}>Back to {prefix.producerName}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={prefix.producerName}>
            Are you sure you want to remove the model prefix {prefix.prefix}?
          </Heading>
          <SummaryList
            rows={[
              { key: "Model prefix", value: prefix.prefix },
              { key: "Producer", value: prefix.producerName },
              { key: "Brand", value: prefix.brand ?? "None: the producer’s own name" },
              { key: "Confidence", value: prefix.confidence ? confidenceText(prefix.confidence) : "As sure as the producer and brand" },
            ]}
          />
          <WarningText>
            Devices whose model number starts with {prefix.prefix} will no longer be matched to {prefix.producerName} by it. Every
            device on the register is re-evaluated, and their results may change.
          </WarningText>
          <RemoveModelPrefixForm action={removeModelPrefixAction} id={prefix.id} cancelHref={back} />
        </div>
      </div>
    </>
  );
}
