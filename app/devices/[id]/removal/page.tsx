import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { todayInLondon } from "@/lib/platform/today";
import { RemovalForm } from "@/components/register/lifecycle-forms";
import { changeableDevice, deviceCaption } from "../changeable-device";
import { removalAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Record removal" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id, device } = await changeableDevice(params, "removal");

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={deviceCaption(device)}>
          Record removal
        </Heading>
        <p className="govuk-body">Record that the device has been physically taken off the site, with evidence.</p>
        <RemovalForm action={removalAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} />
      </div>
    </div>
  );
}
