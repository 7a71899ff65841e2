import type { Metadata } from "next";
import { saveEmailPreferencesAction } from "@/app/notifications/actions";
import { BackLink, Heading, NotificationBanner } from "@/components/govuk";
import { EmailPreferencesForm } from "@/components/notifications/notification-forms";
import { requireSignedIn } from "@/lib/auth/session";
import { emailedKinds } from "@/lib/data/notifications";
import { KIND_WORDS, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";

export const metadata: Metadata = { title: "Email settings for notifications" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EmailSettingsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireSignedIn("/account/notifications");
  const params = await searchParams;
  const emailed = await emailedKinds(actor);
  return (
    <>
      <BackLink href="/notifications">Back to notifications</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {params.saved === "1" ? (
            <NotificationBanner type="success" heading="Your email settings have been saved">
              <p className="govuk-body">We will email you only the notifications you selected.</p>
            </NotificationBanner>
          ) : null}
          <Heading level={1} size="l">Email settings for notifications</Heading>
          <p className="govuk-body">
            We email you at {actor.email} when something needs your attention. Notifications you do not want by email still appear on your{" "}
            <a href="/notifications" className="govuk-link">notifications page</a>.
          </p>
          <EmailPreferencesForm
            action={saveEmailPreferencesAction}
            kinds={NOTIFICATION_KINDS.map((k) => ({ value: k, label: KIND_WORDS[k].label, hint: KIND_WORDS[k].hint }))}
            emailed={emailed}
          />
        </div>
      </div>
    </>
  );
}
