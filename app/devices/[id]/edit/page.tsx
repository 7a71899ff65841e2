import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceRecord, getDeviceSiteContext } from "@/lib/data/devices";
import { DeviceForm } from "@/components/register/device-form";
import { idParam, orNotFound } from "@/components/register/not-found";
import { updateDeviceAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Change device details" };

export default async function EditDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/edit`);
  const id = idParam(raw);
  const device = await orNotFound(getDeviceRecord(actor, id));
  if (device.lifecycle === "REMOVED" || device.siteArchived) notFound();
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
