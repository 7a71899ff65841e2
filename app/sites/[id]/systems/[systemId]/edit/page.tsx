import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { CameraSystemForm } from "@/components/register/camera-system-form";
import { editableCameraSystem } from "../editable-system";
import { updateCameraSystemAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Change a camera system" };

export default async function EditCameraSystemPage({ params }: { params: Promise<{ id: string; systemId: string }> }) {
  const { siteId, system } = await editableCameraSystem(params, "edit");
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
