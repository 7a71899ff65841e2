import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listSiteOrganisations } from "@/lib/data/sites";
import { SiteForm } from "@/components/register/site-form";
import { createSiteAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Add a site" };

export default async function NewSitePage() {
  const actor = await requirePagePermission("register:write", "/sites/new");
  const organisations = await listSiteOrganisations(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/sites">Back to sites</BackLink>
        <Heading level={1} size="l">
          Add a site
        </Heading>
        <SiteForm action={createSiteAction} organisations={organisations} submitText="Add site" cancelHref="/sites" />
      </div>
    </div>
  );
}
