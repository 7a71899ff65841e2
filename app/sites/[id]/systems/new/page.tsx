import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceSiteContext } from "@/lib/data/devices";
import { CameraSystemForm } from "@/components/register/camera-system-form";
import { idParam, orNotFound } from "@/components/register/not-found";
import { createCameraSystemAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Add a camera system" };

export default async function NewCameraSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/sites/${raw}/systems/new`);
  const siteId = idParam(raw);
  const site = await orNotFound(getDeviceSiteContext(actor, siteId));
  if (site.archived) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${siteId}`}>Back to {site.name}</BackLink>
        <Heading level={1} size="l" caption={`${site.name} (${site.siteCode})`}>
          Add a camera system
        </Heading>
        {site.systems.length > 0 ? (
          <p className="govuk-body">This site’s systems: {site.systems.map((s) => s.name).join(", ")}.</p>
        ) : null}
        <CameraSystemForm action={createCameraSystemAction.bind(null, siteId)} cancelHref={`/sites/${siteId}`} />
      </div>
    </div>
  );
}
