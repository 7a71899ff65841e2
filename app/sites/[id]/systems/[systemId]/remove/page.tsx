import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { systemNotEmpty } from "@/lib/data/camera-systems";
import { RemoveCameraSystemForm } from "@/components/register/camera-system-form";
import { editableCameraSystem } from "../editable-system";
import { removeCameraSystemAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Remove a camera system" };

export default async function RemoveCameraSystemPage({ params }: { params: Promise<{ id: string; systemId: string }> }) {
  const { siteId, system } = await editableCameraSystem(params, "remove");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${siteId}/systems/${system.id}/edit`}>Back to the camera system</BackLink>
        <Heading level={1} size="l" caption={`${system.siteName} (${system.siteCode})`}>
          Remove the camera system {system.name}
        </Heading>
        {system.deviceCount > 0 ? (
          <>
            <p className="govuk-body">{systemNotEmpty(system.name, system.deviceCount)}</p>
            <p className="govuk-body">
              <a className="govuk-link" href={`/sites/${siteId}`}>
                Go to the site&apos;s devices
              </a>
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">The camera system has no devices recorded in it. Removing it cannot be undone; the audit trail keeps a record of it.</p>
            <RemoveCameraSystemForm action={removeCameraSystemAction.bind(null, siteId, system.id)} version={system.version} cancelHref={`/sites/${siteId}/systems/${system.id}/edit`} />
          </>
        )}
      </div>
    </div>
  );
}
