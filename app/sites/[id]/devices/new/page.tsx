import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceSiteContext } from "@/lib/data/devices";
import { DeviceForm } from "@/components/register/device-form";
import { idParam, orNotFound } from "@/components/register/not-found";
import { createDeviceAction } from "@/app/sites/actions";

export const metadata: Metadata = { title: "Add a device" };

export default async function NewDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/sites/${raw}/devices/new`);
  const siteId = idParam(raw);
  const site = await orNotFound(getDeviceSiteContext(actor, siteId));
  if (site.archived) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/sites/${siteId}`}>Back to {site.name}</BackLink>
        <Heading level={1} size="l" caption={`${site.name} (${site.siteCode})`}>
          Add a device
        </Heading>
        <DeviceForm action={createDeviceAction.bind(null, siteId)} systems={site.systems} submitText="Add device" cancelHref={`/sites/${siteId}`} />
      </div>
    </div>
  );
}
