import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { RoundForm } from "@/components/returns/round-form";
import { requirePagePermission } from "@/lib/auth/session";
import { roundFormChoices } from "@/lib/data/returns";
import { openRoundAction } from "../actions";

export const metadata: Metadata = { title: "Open a return round" };

export default async function NewRoundPage() {
  const actor = await requirePagePermission("returns:manage", "/returns/new");
  const { departments, declarations } = await roundFormChoices(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/returns">Back to returns</BackLink>
        <Heading level={1} size="l">
          Open a return round
        </Heading>
        <p className="govuk-body">
          Each department covered is asked for a return: its accountable official reviews the department&apos;s figures for the as-of
          date, answers the statements you choose and attests. Departments see the round as soon as it is open.
        </p>
        <RoundForm action={openRoundAction} declarations={declarations} departments={departments} />
      </div>
    </div>
  );
}
