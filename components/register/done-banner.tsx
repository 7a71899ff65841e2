import { NotificationBanner } from "@/components/govuk";

/** The success message after a change, from the `done` query parameter the action redirected with. */
export function DoneBanner({ done, messages }: { done: string | string[] | undefined; messages: Record<string, string> }) {
  const key = Array.isArray(done) ? done[0] : done;
  const message = key ? messages[key] : undefined;
  if (!message) return null;
  return <NotificationBanner type="success" heading={message} />;
}
