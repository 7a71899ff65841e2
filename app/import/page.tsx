import type { Metadata } from "next";
import { Details, Heading, InsetText, Table } from "@/components/govuk";
import { UploadForm } from "@/app/import/upload-form";
import { requirePagePermission } from "@/lib/auth/session";
import { listImportOrganisations } from "@/lib/data/imports";
import { uploadErrorMessage } from "@/lib/import/upload-errors";
import { IMPORT_COLUMNS } from "@/lib/validation/import-row";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { error } = await searchParams;
  const title = "Import devices";
  return { title: uploadErrorMessage(typeof error === "string" ? error : undefined) ? `Error: ${title}` : title };
}

const REQUIRED = { always: "Every row", "new-site": "New sites", no: "No" } as const;

export default async function ImportPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission("register:write", "/import");
  const { error } = await searchParams;
  const serverError = uploadErrorMessage(typeof error === "string" ? error : undefined);
  const organisations = await listImportOrganisations(actor);
  const own = organisations.find((o) => o.id === actor.organisationId);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <UploadForm serverError={serverError}>
              <Heading level={1} size="l">Import devices</Heading>
              <p className="govuk-body">
                Add or update many devices at once from a spreadsheet: one row for each device, with its site. You will
                see every problem in the file, and a preview of what will change, before anything is saved.
              </p>
              <ul className="govuk-list govuk-list--bullet">
                <li>
                  Download the template as <a className="govuk-link" href="/import/template.xlsx" download>Excel (XLSX)</a> or{" "}
                  <a className="govuk-link" href="/import/template.csv" download>CSV</a>. Its two example rows show how to fill it
                  in: replace or delete them, because the import refuses them.
                </li>
                <li>A device already in the register is found by its asset tag, else its serial number, else its MAC address, and updated.</li>
                <li>
                  A site is found by its site code, else its ePIMS ID. To add a new site, give it a new site code with its name,
                  address, town, postcode and sensitivity. A row that leaves those empty must name a site already in the register.
                </li>
                <li>Importing the same file again changes nothing.</li>
              </ul>
              <InsetText>
                Files can be up to 20 MB with up to 200,000 rows. Larger registers can be split into several files.
                {own ? ` Leave the organisation column empty for ${own.name} (${own.acronym}).` : null}
              </InsetText>
            </UploadForm>
          </div>
        </div>

        <h2 className="govuk-heading-m">The columns</h2>
        <p className="govuk-body">
          The first row must hold the column names. Columns can be in any order; columns not listed here (such as
          status and findings in an export) are ignored. Dates are YYYY-MM-DD (DD/MM/YYYY is also accepted).
        </p>
        <Table
          caption="Import file columns"
          captionSize="s"
          head={[{ text: "Column" }, { text: "Required" }, { text: "What to enter" }, { text: "Example" }]}
          rows={IMPORT_COLUMNS.map((c) => [<code key="c">{c.name}</code>, REQUIRED[c.required], c.description, c.example || "—"])}
          firstCellIsHeader
        />
        <Details summary="What happens to sites already in the register">
          <p className="govuk-body">
            The site columns are only used to create a site that is not yet in the register. An existing site&apos;s
            name, address and sensitivity are not changed by an import: change them on the site&apos;s page, where the
            history of its sensitivity is kept.
          </p>
        </Details>

        <h2 className="govuk-heading-m">Edit the register you have</h2>
        <p className="govuk-body">
          Download the register from the <a className="govuk-link" href="/sites">sites list</a>
          {own ? (
            <>
              {" "}or <a className="govuk-link" href={`/organisations/${own.id}`}>{own.name}&apos;s page</a>
            </>
          ) : null}
          . The download has the same columns as the template, so it can be edited and imported here again.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/organisations">Back to your register</a>
        </p>
      </div>
    </div>
  );
}
