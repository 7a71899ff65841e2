import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { todayInLondon } from "@/lib/platform/today";
import { DecommissionDeviceForm } from "@/components/register/lifecycle-forms";
import { changeableDevice, deviceCaption } from "../changeable-device";
import { decommissionDeviceAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Decommission device" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id, device } = await changeableDevice(params, "decommission", { inServiceOnly: true });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={deviceCaption(device)}>
          Decommission device
        </Heading>
        <p className="govuk-body">Record that the device has been switched off. It stays on the site until you record its removal.</p>
        <DecommissionDeviceForm action={decommissionDeviceAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} />
      </div>
    </div>
  );
}
