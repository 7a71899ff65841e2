import { StatusTag } from "@/components/govuk";
import type { Finding } from "@/lib/compliance";

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
