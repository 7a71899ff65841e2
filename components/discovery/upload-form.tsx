import { Button, ErrorSummary, FileUpload, Radios, Select, Textarea, type SelectOption } from "@/components/govuk";

// The upload is a plain multipart form posted to the route handler (/api/discovery), not a server
// action: an nmap file can be far larger than a server action's body limit. The route redirects
// back here with ?error=<field>&message=<text> when the form is refused, so the form renders on
// the server with the problem against its field, and works without JavaScript.

export const UPLOAD_FIELDS = ["kind", "organisation", "site", "ranges", "file"] as const;
export type UploadField = (typeof UPLOAD_FIELDS)[number];

export interface UploadProblem {
  field: UploadField;
  message: string;
}

export interface UploadFormProps {
  problem: UploadProblem | null;
  /** Shown only when the editor can upload for more than one organisation. */
  organisations: SelectOption[] | null;
  organisationId: number | null;
  sites: SelectOption[];
  /** Sites beyond the list's limit were left out: say so, and point to the address ranges. */
  sitesCut: boolean;
  /** The answers to start from: what the route sent back, when it did. */
  kind: "nmap" | "vms" | null;
  coverage: "site" | "ranges" | null;
  fileHint: string;
}

export function DiscoveryUploadForm({ problem, organisations, organisationId, sites, sitesCut, kind, coverage, fileHint }: UploadFormProps) {
  const errorOf = (field: UploadField) => (problem?.field === field ? problem.message : undefined);
  // A problem with the site or the ranges reopens the choice it belongs to.
  const chosenCoverage = problem?.field === "site" ? "site" : problem?.field === "ranges" ? "ranges" : coverage;
  return (
    <>
      {/* Without the organisation question on the page, its problem has no field to link to. */}
      <ErrorSummary
        errors={problem ? [{ href: problem.field === "organisation" && !organisations ? undefined : `#${problem.field}`, text: problem.message }] : []}
      />
      <form action="/api/discovery" method="post" encType="multipart/form-data" noValidate>
        <Radios
          name="kind"
          legend="What kind of file is it?"
          legendSize="m"
          error={errorOf("kind")}
          defaultValue={kind ?? undefined}
          items={[
            { value: "nmap", text: "A network scan (nmap XML)", hint: "The file nmap writes with -oX" },
            {
              value: "vms",
              text: "A camera list from a video management system (CSV or Excel)",
              hint: "For example, exported from Milestone XProtect or Genetec Security Center",
            },
          ]}
        />
        {organisations ? (
          <Select
            id="organisation"
            name="organisation"
            label="Whose network is it?"
            labelSize="m"
            error={errorOf("organisation")}
            options={organisations}
            defaultValue={organisationId === null ? "" : String(organisationId)}
          />
        ) : null}
        {/* The two follow-up fields are always shown: the design system's conditional reveal puts
            aria-expanded on the radios, which axe (WCAG 4.1.2) refuses on a radio button. */}
        <Radios
          name="coverage"
          idPrefix="coverage"
          legend="Which sites does the file cover?"
          legendSize="m"
          defaultValue={chosenCoverage ?? undefined}
          items={[
            { value: "site", text: "One site", hint: "Choose it in the list below" },
            { value: "ranges", text: "Several sites", hint: "Give each site's address ranges in the box below" },
          ]}
        />
        <Select
          id="site"
          name="site"
          label="Site"
          hint={sitesCut ? "For one site. Only the first sites are listed: if yours is not here, give its address range instead" : "For one site"}
          error={errorOf("site")}
          options={[{ value: "", text: "Choose a site" }, ...sites]}
          fullWidth
        />
        <Textarea
          id="ranges"
          name="ranges"
          label="Address ranges and site codes"
          hint={
            <>
              For several sites: one line for each range, an address range and the site&apos;s code, such as <code>10.20.0.0/16 HO-0001</code>.
              For a camera list you can leave this empty if the file has a column with each camera&apos;s site code.
            </>
          }
          error={errorOf("ranges")}
          rows={4}
          spellCheck={false}
        />
        <FileUpload id="file" name="file" label="Upload the file" labelSize="m" hint={fileHint} error={errorOf("file")} accept={ACCEPT} />
        <Button type="submit" preventDoubleClick>
          Upload and check
        </Button>
      </form>
    </>
  );
}

const ACCEPT = [
  ".xml",
  ".csv",
  ".xlsx",
  "text/xml",
  "application/xml",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
].join(",");
