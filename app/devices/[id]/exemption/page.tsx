import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceRecord } from "@/lib/data/devices";
import { todayInLondon } from "@/lib/platform/today";
import { ExemptionForm } from "@/components/register/lifecycle-forms";
import { idParam, orNotFound } from "@/components/register/not-found";
import { exemptionAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Record an exemption" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/exemption`);
  const id = idParam(raw);
  const device = await orNotFound(getDeviceRecord(actor, id));
  if (device.lifecycle === "REMOVED" || device.siteArchived) notFound();

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={`${[device.brand, device.model].filter(Boolean).join(" ")} at ${device.siteName}`}>
          Record an exemption
        </Heading>

        <ExemptionForm action={exemptionAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} />
      </div>
    </div>
  );
}
