import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "@/components/govuk";

// MOJ Frontend's timeline (node_modules/@ministryofjustice/frontend/moj/components/timeline/
// template.njk), the government's pattern for a record's history. The markup matches the
// template's; tests/unit/moj/timeline.test.tsx holds it to it. MOJ formats the date with its own
// Nunjucks filter: here the caller passes the words, and the timestamp for the <time> element.

export interface TimelineItem {
  /** A stable key for React (the event's id). */
  id: string;
  label: ReactNode;
  /** Who did it: rendered after "by". */
  byline?: ReactNode;
  datetime: { timestamp: string; text: string };
  /** The description: text or markup. */
  children?: ReactNode;
  className?: string;
}

export interface TimelineProps extends HTMLAttributes<HTMLDivElement> {
  items: readonly TimelineItem[];
  /** The level of each item's heading (MOJ's default is 2). */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
}

export function Timeline({ items, headingLevel = 2, className, ...attributes }: TimelineProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cx("moj-timeline", className)} {...attributes}>
      {items.map((item) => (
        <div key={item.id} className={cx("moj-timeline__item", item.className)}>
          <div className="moj-timeline__header">
            <Heading className="moj-timeline__title">{item.label}</Heading>
            {/* MOJ shows the title and byline inline; its template's line break is the space between them. */}{" "}
            {item.byline !== undefined ? <p className="moj-timeline__byline">by {item.byline}</p> : null}
          </div>
          <p className="moj-timeline__date">
            <time dateTime={item.datetime.timestamp}>{item.datetime.text}</time>
          </p>
          <div className="moj-timeline__description">{item.children}</div>
        </div>
      ))}
    </div>
  );
}
