import type { Metadata } from "next";
import { BackLink, Heading, InsetText } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { archiveCheck, archiveRefusal, getSiteRecord } from "@/lib/data/sites";
import { ArchiveSiteForm } from "@/components/register/lifecycle-forms";
import { idParam, orNotFound } from "@/components/register/not-found";
import { archiveSiteAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Archive site" };

export default async function ArchiveSitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/sites/${raw}/archive`);
  const id = idParam(raw);
  const site = await orNotFound(getSiteRecord(actor, id));
  const check = await archiveCheck(actor, id);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${id}`}>Back to {site.name}</BackLink>
        <Heading level={1} size="l" caption={site.name}>
          Archive site
        </Heading>
        {site.archivedAt ? (
          <p className="govuk-body">This site is already archived.</p>
        ) : !check.allowed ? (
          <>
            <InsetText>{archiveRefusal(check.devicesOnSite)}</InsetText>
            <p className="govuk-body">
              <a className="govuk-link" href={`/sites/${id}#devices`}>
                See the devices on this site
              </a>
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">
              Archiving keeps the site, its removed devices and its history as a record, but takes it out of the active register and the
              organisation&apos;s figures. Sites are never deleted.
            </p>
            <ArchiveSiteForm action={archiveSiteAction.bind(null, id)} version={site.version} cancelHref={`/sites/${id}`} />
          </>
        )}
      </div>
    </div>
  );
}
