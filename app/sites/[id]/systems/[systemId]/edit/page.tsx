import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getCameraSystem } from "@/lib/data/camera-systems";
import { CameraSystemForm } from "@/components/register/camera-system-form";
import { idParam, orNotFound } from "@/components/register/not-found";
import { updateCameraSystemAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Change a camera system" };

export default async function EditCameraSystemPage({ params }: { params: Promise<{ id: string; systemId: string }> }) {
  const { id: rawSite, systemId: rawSystem } = await params;
  const actor = await requirePagePermission("register:write", `/sites/${rawSite}/systems/${rawSystem}/edit`);
  const siteId = idParam(rawSite);
  const system = await orNotFound(getCameraSystem(actor, siteId, idParam(rawSystem)));
  if (system.siteArchived) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${siteId}`}>Back to {system.siteName}</BackLink>
        <Heading level={1} size="l" caption={`${system.siteName} (${system.siteCode})`}>
          Change the camera system {system.name}
        </Heading>
        <CameraSystemForm action={updateCameraSystemAction.bind(null, siteId, system.id)} cancelHref={`/sites/${siteId}`} record={system} />
      </div>
    </div>
  );
}
