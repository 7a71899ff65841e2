import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import { Breadcrumbs, Heading, NotificationBanner, SummaryList } from "@/components/govuk";
import { DoneBanner } from "@/components/register/done-banner";
import { londonDateTime, longDate } from "@/components/register/format";
import { idParam } from "@/components/register/not-found";
import { FIGURES_HEADING_ID, ReturnForm } from "@/components/returns/return-form";
import {
  AttestationHistory,
  ChangesSinceAttestation,
  FiguresList,
  OpenFindingsTable,
  ReferenceDetails,
  ReturnStatusTag,
} from "@/components/returns/return-parts";
import { requirePagePermission } from "@/lib/auth/session";
import { getDepartmentReturn } from "@/lib/data/returns";
import { submitReturnAction } from "../../actions";
import { one, orRefusal, type SearchParams } from "../../load";

type Params = Promise<{ roundId: string; organisationId: string }>;

const DONE = {
  attested: "The return has been attested",
  saved: "Your answers have been saved as a draft",
};

const load = cache(async (rawRound: string, rawOrganisation: string) => {
  const actor = await requirePagePermission("returns:read", `/returns/${rawRound}/${rawOrganisation}`);
  const roundId = idParam(rawRound);
  const organisationId = idParam(rawOrganisation);
  return { actor, view: await orRefusal(getDepartmentReturn(actor, roundId, organisationId)) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { roundId, organisationId } = await params;
  const { view } = await load(roundId, organisationId);
  return { title: `${view.organisation.name}: ${view.round.name}` };
}

export default async function DepartmentReturnPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { roundId, organisationId } = await params;
  const search = await searchParams;
  const { view } = await load(roundId, organisationId);
  const { round, organisation, latest } = view;
  const formShown = view.canAttest || view.canDraft;

  const top: ReactNode = (
    <>
      <DoneBanner done={one(search.done)} messages={DONE} />
      {view.status === "CHANGED" && view.changes ? (
        <NotificationBanner title="Changed since attestation">
          <ChangesSinceAttestation changes={view.changes} attestedAt={latest?.attestedAt ?? null} />
        </NotificationBanner>
      ) : null}
      <Heading level={1} size="l" caption={round.name}>
        {organisation.name}&apos;s return
      </Heading>
      <p className="govuk-body">
        <ReturnStatusTag status={view.status} />
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Figures as of", value: longDate(round.asOf) },
              { key: "Due", value: longDate(round.dueOn) },
              {
                key: "Covers",
                value:
                  organisation.agencies.length === 0
                    ? `${organisation.name} (${organisation.acronym})`
                    : `${organisation.name} (${organisation.acronym}) and its agencies: ${organisation.agencies.join(", ")}`,
              },
              {
                key: "Latest attestation",
                value: latest ? `${londonDateTime(latest.attestedAt)} by ${latest.officialName}` : "Not attested yet",
              },
            ]}
          />
          {latest ? <ReferenceDetails hash={latest.figuresHash} /> : null}

          <h2 className="govuk-heading-l" id={FIGURES_HEADING_ID} tabIndex={-1}>
            Figures for {longDate(round.asOf)}
          </h2>
          <p className="govuk-body">
            Counted from the register&apos;s result for each device of the department and its agencies on the as-of date.
          </p>
          <FiguresList figures={view.figures} />
        </div>
      </div>
      <OpenFindingsTable findings={view.openFindings} total={view.openFindingsTotal} />
    </>
  );

  return (
    <>
      <Breadcrumbs
        items={[
          { text: "Returns", href: "/returns" },
          { text: round.name, href: `/returns/${round.id}` },
          { text: organisation.name },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {formShown ? (
            <ReturnForm
              action={submitReturnAction.bind(null, round.id, organisation.id)}
              declarations={round.declarations}
              answers={view.draft?.answers ?? latest?.answers ?? []}
              comment={view.draft ? view.draft.comment : (latest?.comment ?? null)}
              figuresHash={view.figuresHash}
              canAttest={view.canAttest}
              canDraft={view.canDraft}
            >
              {top}
            </ReturnForm>
          ) : (
            top
          )}
        </div>
      </div>
      <h2 className="govuk-heading-l govuk-!-margin-top-6">Attestations</h2>
      <AttestationHistory latest={latest} history={view.history} />
    </>
  );
}
