import type { Metadata } from "next";
import { updatePolicyAction } from "@/app/admin/policy/actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatDateTime, formatIsoDate } from "@/components/admin/format";
import { PolicyForm } from "@/components/admin/policy-form";
import { Heading, NotificationBanner, SummaryList } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getPolicySettings } from "@/lib/data/policy";

export const metadata: Metadata = { title: "Policy settings" };

export default async function PolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("admin:policy", "/admin/policy");
  const params = await searchParams;
  const policy = await getPolicySettings(actor);
  return (
    <>
      {params.unchanged ? (
        <NotificationBanner title="Nothing changed">
          <p className="govuk-body">The settings you saved were the same as before, so nothing was re-evaluated.</p>
        </NotificationBanner>
      ) : null}
      {params.saved ? (
        <NotificationBanner title="Settings saved" type="success">
          <p className="govuk-body">The longest exemption allowed has changed. Nothing needed re-evaluating.</p>
        </NotificationBanner>
      ) : null}
      <Heading level={1} size="l">Policy settings</Heading>
      <AdminNav current="policy" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            The dates of Written Ministerial Statement HCWS386 that every device is judged against. Every report states the
            settings in force when it was produced.
          </p>
          <Heading level={2} size="m">In force</Heading>
          <SummaryList
            rows={[
              { key: "Cut-off date", value: formatIsoDate(policy.cutOff) },
              { key: "Removal deadline", value: formatIsoDate(policy.removalDeadline) },
              { key: "Reclassification grace period", value: `${policy.reclassificationGraceDays.toLocaleString("en-GB")} days` },
              { key: "Longest exemption", value: `${policy.maxExemptionMonths.toLocaleString("en-GB")} months` },
              { key: "Not seen on the network for", value: `${policy.notSeenDays.toLocaleString("en-GB")} days` },
              {
                key: "Last changed",
                value: policy.updatedBy ? `${formatDateTime(policy.updatedAt)} by ${policy.updatedBy}` : "Not changed since the service was set up",
              },
            ]}
          />
          <Heading level={2} size="m">Change the settings</Heading>
          <PolicyForm
            action={updatePolicyAction}
            policy={{ version: policy.version, cutOff: policy.cutOff, removalDeadline: policy.removalDeadline, reclassificationGraceDays: policy.reclassificationGraceDays, maxExemptionMonths: policy.maxExemptionMonths, notSeenDays: policy.notSeenDays }}
          />
        </div>
      </div>
    </>
  );
}
