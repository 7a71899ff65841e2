import { StatusTag } from "@/components/govuk";
import { RULES_BY_ID, type Finding, type RuleId } from "@/lib/compliance";

/** Each finding in words: its status, what is wrong and what to do, and the rule that said so. */
export function FindingsList({ findings, emptyText = "No findings." }: { findings: readonly Finding[]; emptyText?: string }) {
  if (findings.length === 0) return <p className="govuk-body">{emptyText}</p>;
  return (
    <ul className="govuk-list app-findings">
      {findings.map((f, i) => (
        <li key={`${f.ruleId}-${i}`} className="govuk-!-margin-bottom-3">
          <StatusTag status={f.status} /> <span className="govuk-body">{f.message}</span>{" "}
          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">
            Rule: <code>{f.ruleId}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The findings by their rules' short titles, for a table row whose status column already carries
 * the tag: a tag per finding beside it repeated the row's status ("Breach" twice on a breach row),
 * and the full messages made one device a screen tall. The device's own page has the messages.
 */
export function FindingTitles({ findings, emptyText = "None" }: { findings: readonly Finding[]; emptyText?: string }) {
  if (findings.length === 0) return <>{emptyText}</>;
  const titles = findings.map((f) => RULES_BY_ID[f.ruleId as RuleId]?.title ?? f.message);
  if (titles.length === 1) return <>{titles[0]}</>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {titles.map((t, i) => (
        <li key={i} className="govuk-!-margin-bottom-1">
          {t}
        </li>
      ))}
    </ul>
  );
}
