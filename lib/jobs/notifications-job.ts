// What the workers do with a job of the notifications queue: the notify pass for today, then the
// emails not yet sent. No "server-only": the server entry runs the workers outside Next.
import { appDb } from "@/lib/jobs/boss";
import { processMailer, publicBaseUrl, runNotifyPass, sendPendingEmails } from "@/lib/jobs/notifications";
import { logger } from "@/lib/platform/log";
import { todayInLondon } from "@/lib/platform/today";

export async function runNotificationsJob(): Promise<object> {
  const today = todayInLondon();
  const pass = await runNotifyPass(appDb(), today);
  const emails = await sendPendingEmails(appDb(), processMailer(), publicBaseUrl());
  const figures = { today, created: pass.created, ...emails };
  logger().info({ component: "notifications", ...figures }, "notifications pass finished");
  return figures;
}
