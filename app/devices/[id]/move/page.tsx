import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceRecord } from "@/lib/data/devices";
import { todayInLondon } from "@/lib/platform/today";
import { MoveDeviceForm } from "@/components/register/lifecycle-forms";
import { idParam, orNotFound } from "@/components/register/not-found";
import { moveDeviceAction } from "@/app/devices/actions";
import { listMoveTargets } from "@/lib/data/sites";
export const metadata: Metadata = { title: "Move device to another site" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/move`);
  const id = idParam(raw);
  const device = await orNotFound(getDeviceRecord(actor, id));
  if (device.lifecycle === "REMOVED" || device.siteArchived) notFound();
  const sites = await listMoveTargets(actor, device.siteId);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={`${[device.brand, device.model].filter(Boolean).join(" ")} at ${device.siteName}`}>
          Move device to another site
        </Heading>
        <p className="govuk-body">Moving a device is a new deployment: the move date becomes its install date at the new site, and it is assessed again against that site.</p>
        <MoveDeviceForm action={moveDeviceAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} sites={sites} />
      </div>
    </div>
  );
}
