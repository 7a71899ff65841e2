import { WarningText } from "@/components/govuk";
import { can } from "@/lib/auth/permissions";

export interface RegisterDownloadsProps {
  /** The signed-in user's role: only those who may read the register in detail see the downloads. */
  role: string;
  /** One organisation's register, or null for every organisation the user can see. */
  organisation: { id: number; name: string } | null;
}

/**
 * The register as a spreadsheet, for everyone who may read it (the minister's office, who see
 * aggregates only, may not). The server scopes the download again to the user's organisations.
 */
export function RegisterDownloads({ role, organisation }: RegisterDownloadsProps) {
  if (!can(role, "register:export")) return null;
  const scope = organisation ? organisation.name : "every organisation you can see";
  const href = (format: "xlsx" | "csv") =>
    `/api/export/register?format=${format}${organisation ? `&organisationId=${organisation.id}` : ""}`;
  return (
    <div className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Download the register</h2>
      <p className="govuk-body">
        Every device of {scope}, with its site, status and findings: the whole register, not only the sites listed on this
        page.
      </p>
      <WarningText iconFallbackText="Warning">
        The register is OFFICIAL-SENSITIVE. Keep the file on official systems, share it only with people who need it, and
        delete it when you no longer need it.
      </WarningText>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={href("xlsx")} download>
            Download<span className="govuk-visually-hidden"> the register of {scope}</span> as a spreadsheet (XLSX)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={href("csv")} download>
            Download<span className="govuk-visually-hidden"> the register of {scope}</span> as CSV
          </a>
        </li>
      </ul>
    </div>
  );
}
