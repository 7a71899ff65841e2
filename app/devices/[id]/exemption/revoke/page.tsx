import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Heading, SummaryList } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getExemptionToRevoke } from "@/lib/data/devices";
import { RevokeExemptionForm } from "@/components/register/lifecycle-forms";
import { longDate } from "@/components/register/format";
import { idParam, orNotFound } from "@/components/register/not-found";
import { revokeExemptionAction } from "@/app/devices/actions";
import { deviceCaption } from "../../changeable-device";

export const metadata: Metadata = { title: "Revoke the exemption" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/exemption/revoke`);
  const id = idParam(raw);
  // No exemption in force (none, expired or already revoked) is nothing to revoke: 404.
  const { device, exemption } = await orNotFound(getExemptionToRevoke(actor, id));
  if (device.lifecycle === "REMOVED" || device.siteArchived) notFound();

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={deviceCaption(device)}>
          Revoke the exemption
        </Heading>
        <p className="govuk-body">This ends the exemption before it expires. It stays in the device&apos;s record, marked as revoked.</p>
        <SummaryList
          rows={[
            { key: "Approved by", value: exemption.approvedBy },
            { key: "Approved", value: longDate(exemption.approvedOn) },
            { key: "Valid until", value: longDate(exemption.expiresOn) },
            { key: "Justification", value: exemption.justification },
          ]}
        />
        <RevokeExemptionForm action={revokeExemptionAction.bind(null, id, exemption.id)} version={exemption.version} cancelHref={`/devices/${id}`} />
      </div>
    </div>
  );
}
