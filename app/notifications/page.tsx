import type { Metadata } from "next";
import { markAllReadAction } from "@/app/notifications/actions";
import { Heading, NotificationBanner } from "@/components/govuk";
import { NotificationList } from "@/components/notifications/notification-list";
import { MarkAllReadForm } from "@/components/notifications/notification-forms";
import { requireSignedIn } from "@/lib/auth/session";
import { listNotifications, NOTIFICATIONS_SHOWN } from "@/lib/data/notifications";
import { formatDateTime } from "@/lib/presentation/figures-format";

export const metadata: Metadata = { title: "Notifications" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function NotificationsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireSignedIn("/notifications");
  const params = await searchParams;
  const { rows, unread, total } = await listNotifications(actor);
  const newest = rows[0]?.id;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {typeof params.read === "string" ? (
          <NotificationBanner type="success" heading="Notifications marked as read">
            <p className="govuk-body">Your notifications are marked as read.</p>
          </NotificationBanner>
        ) : null}
        <Heading level={1} size="l">Notifications</Heading>
        <p className="govuk-body">
          {unread === 0 ? "You have no unread notifications." : `You have ${unread.toLocaleString("en-GB")} unread ${unread === 1 ? "notification" : "notifications"}.`}
          {total > NOTIFICATIONS_SHOWN ? ` This page shows the latest ${NOTIFICATIONS_SHOWN}.` : ""}
        </p>
        <p className="govuk-body">
          <a href="/account/notifications" className="govuk-link">Choose which notifications you get by email</a>
        </p>
        {unread > 0 && newest !== undefined ? <MarkAllReadForm action={markAllReadAction} upTo={newest} /> : null}
        <NotificationList
          items={rows.map((n) => ({
            id: n.id,
            subject: n.subject,
            body: n.body,
            link: n.link,
            when: formatDateTime(n.createdAt.toISOString()),
            unread: n.readAt === null,
          }))}
        />
      </div>
    </div>
  );
}
