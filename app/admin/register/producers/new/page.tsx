import type { Metadata } from "next";
import { createProducerAction } from "@/app/admin/register/actions";
import { NewProducerForm } from "@/components/admin/producer-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Add a producer" };

export default async function NewProducerPage() {
  await requirePagePermission("admin:register", "/admin/register/producers/new");
  return (
    <>
      <BackLink href="/admin/register">Back to the producer register</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption="Producer register">Add a producer</Heading>
          <p className="govuk-body">
            Add a company that produces visual surveillance equipment, and say whether it is subject to the National
            Intelligence Law of the People’s Republic of China. Cite the public document that shows it. You can add its
            other brands and model prefixes afterwards.
          </p>
          <NewProducerForm action={createProducerAction} cancelHref="/admin/register" />
        </div>
      </div>
    </>
  );
}
