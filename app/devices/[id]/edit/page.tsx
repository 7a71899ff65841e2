import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { getDeviceSiteContext } from "@/lib/data/devices";
import { DeviceForm } from "@/components/register/device-form";
import { orNotFound } from "@/components/register/not-found";
import { changeableDevice } from "../changeable-device";
import { updateDeviceAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Change device details" };

export default async function EditDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, id, device } = await changeableDevice(params, "edit");
  const site = await orNotFound(getDeviceSiteContext(actor, device.siteId));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={`${device.brand} at ${device.siteName}`}>
          Change device details
        </Heading>
        <DeviceForm action={updateDeviceAction.bind(null, id)} record={device} systems={site.systems} submitText="Save changes" cancelHref={`/devices/${id}`} />
      </div>
    </div>
  );
}
