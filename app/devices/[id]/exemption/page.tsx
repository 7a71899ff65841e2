import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { todayInLondon } from "@/lib/platform/today";
import { ExemptionForm } from "@/components/register/lifecycle-forms";
import { changeableDevice, deviceCaption } from "../changeable-device";
import { exemptionAction } from "@/app/devices/actions";

export const metadata: Metadata = { title: "Record an exemption" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id, device } = await changeableDevice(params, "exemption");

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={deviceCaption(device)}>
          Record an exemption
        </Heading>

        <ExemptionForm action={exemptionAction.bind(null, id)} version={device.version} cancelHref={`/devices/${id}`} today={todayInLondon()} />
      </div>
    </div>
  );
}
