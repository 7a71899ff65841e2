import { quotePoint } from "../directive";
import { formatLongDate } from "../dates";
import type { Rule } from "../types";

interface Messages {
  readonly due: string;
  readonly overdue: string;
}

// Deadlines are few (the policy's, plus one per reclassification date), so messages are built once each.
const CACHE_LIMIT = 65_536;
const messagesByDeadline = new Map<string, Messages>();

function messagesFor(deadlineIso: string): Messages {
  const hit = messagesByDeadline.get(deadlineIso);
  if (hit !== undefined) return hit;
  const deadline = formatLongDate(deadlineIso);
  const messages: Messages = {
    due: `Covered equipment remains on a controlled site. Point 3 of the directive (HCWS386): remove and replace it by ${deadline}.`,
    overdue:
      `Covered equipment remains on a controlled site after its removal deadline of ${deadline}. ` +
      "Point 3 of the directive (HCWS386): remove and replace it now.",
  };
  if (messagesByDeadline.size >= CACHE_LIMIT) messagesByDeadline.clear();
  messagesByDeadline.set(deadlineIso, messages);
  return messages;
}

export const R3_REMOVAL: Rule = {
  id: "R3-REMOVAL",
  title: "Remove and replace",
  directive: quotePoint(3),
  point: 3,
  exemptible: true,
  evaluate(ctx) {
    // Decommissioned equipment is still on the site, so it still has to go.
    if (!ctx.covered || !ctx.controlled || ctx.newDeployment) return null;
    const messages = messagesFor(ctx.deadline);
    return ctx.asOf <= ctx.deadline
      ? { ruleId: "R3-REMOVAL", status: "ACTION_DUE", message: messages.due }
      : { ruleId: "R3-REMOVAL", status: "BREACH", message: messages.overdue };
  },
};
