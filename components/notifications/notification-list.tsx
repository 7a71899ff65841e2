import { Tag } from "@/components/govuk";

/** One notification as the page shows it: dates already in words. */
export interface NotificationItem {
  id: number;
  subject: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  link: string;
  when: string;
  unread: boolean;
}

/** The person's notifications, newest first: unread ones are tagged, each links to its page. */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  if (items.length === 0) return <p className="govuk-body">You have no notifications.</p>;
  return (
    <ul className="govuk-list app-notification-list">
      {items.map((n) => (
        <li key={n.id} className="app-notification-list__item">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
            {n.unread ? (
              <>
                <Tag colour="blue" className="govuk-!-margin-right-2">Unread</Tag>{" "}
              </>
            ) : null}
            <a href={n.link} className="govuk-link">{n.subject}</a>
          </h2>
          <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-2">{n.when}</p>
          {n.body
            .split(/\n{2,}/)
            .filter((p) => p.trim() !== "")
            .map((p, i) => (
              <p key={i} className="govuk-body">{p}</p>
            ))}
          <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
        </li>
      ))}
    </ul>
  );
}
