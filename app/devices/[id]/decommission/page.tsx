import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceRecord } from "@/lib/data/devices";
import { todayInLondon } from "@/lib/platform/today";
import { DecommissionDeviceForm } from "@/components/register/lifecycle-forms";
import { idParam, orNotFound } from "@/components/register/not-found";
import { decommissionDeviceAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Decommission device" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/decommission`);
  const id = idParam(raw);
  const device = await orNotFound(getDeviceRecord(actor, id));
  if (device.lifecycle !== "IN_SERVICE" || device.siteArchived) notFound();

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={`${[device.brand, device.model].filter(Boolean).join(" ")} at ${device.siteName}`}>
          Decommission device
        </Heading>
        <p className="govuk-body">Record that the device has been switched off. It stays on the site until you record its removal.</p>
        <DecommissionDeviceForm action={decommissionDeviceAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} />
      </div>
    </div>
  );
}
