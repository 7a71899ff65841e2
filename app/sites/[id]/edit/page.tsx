import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getSiteRecord } from "@/lib/data/sites";
import { SiteForm } from "@/components/register/site-form";
import { idParam, orNotFound } from "@/components/register/not-found";
import { updateSiteAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Change site details" };

export default async function EditSitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/sites/${raw}/edit`);
  const id = idParam(raw);
  const site = await orNotFound(getSiteRecord(actor, id));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${id}`}>Back to {site.name}</BackLink>
        <Heading level={1} size="l" caption={site.name}>
          Change site details
        </Heading>
        {site.archivedAt ? (
          <p className="govuk-body">This site is archived: it can no longer be changed.</p>
        ) : (
          <SiteForm
            action={updateSiteAction.bind(null, id)}
            record={site}
            organisations={[]}
            organisationName={site.organisationName}
            submitText="Save changes"
            cancelHref={`/sites/${id}`}
          />
        )}
      </div>
    </div>
  );
}
