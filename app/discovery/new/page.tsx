import type { Metadata } from "next";
import { BackLink, Heading, InsetText } from "@/components/govuk";
import { DiscoveryUploadForm, UPLOAD_FIELDS, type UploadProblem } from "@/components/discovery/upload-form";
import type { Actor } from "@/lib/auth/actor";
import { requirePagePermission } from "@/lib/auth/session";
import { listImportOrganisations } from "@/lib/data/imports";
import { listSitesAfter, type SiteListFilter } from "@/lib/data/sites";
import { MAX_DISCOVERY_BYTES, MAX_VMS_BYTES } from "@/lib/discovery/limits";
import { stripUnsafeText } from "@/lib/validation/text";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Messages the route sends back are shown as text, cut to the route's own limit. */
const MAX_MESSAGE = 300;

const DEFAULT_MESSAGES: Record<UploadProblem["field"], string> = {
  kind: "Choose what kind of file this is",
  organisation: "Choose the organisation whose network this is",
  site: "Choose the site the file covers, or give the address ranges of each site",
  ranges: "Check the address ranges",
  file: "Select a file to upload",
};

/** The route's refusal, if the query string holds one: only our own field names, and plain text. */
function problemOf(search: Record<string, string | string[] | undefined>): UploadProblem | null {
  const field = one(search.error);
  if (!(UPLOAD_FIELDS as readonly (string | undefined)[]).includes(field)) return null;
  const f = field as UploadProblem["field"];
  const message = stripUnsafeText(one(search.message) ?? "").slice(0, MAX_MESSAGE).trim();
  return { field: f, message: message || DEFAULT_MESSAGES[f] };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const title = "Upload a scan or camera list";
  return { title: problemOf(await searchParams) ? `Error: ${title}` : title };
}

/**
 * A site list for one select is long enough at this many: past it the page grows with the estate,
 * and an editor with more sites can give the address ranges instead.
 */
const MAX_SITES = 3_000;
const BATCH = 1_000;
const ACTIVE: SiteListFilter = { q: "", sensitivity: null, status: null, lifecycle: "active", organisation: null };

/** The active sites the editor may upload for, read in id order through the sites list's own scope. */
async function sitesFor(actor: Actor) {
  const sites: { id: number; name: string; siteCode: string; organisationAcronym: string }[] = [];
  let after: number | null = null;
  // One more than the limit tells whether any were left out.
  for (;;) {
    const want = Math.min(BATCH, MAX_SITES + 1 - sites.length);
    const batch = await listSitesAfter(actor, ACTIVE, after, want);
    sites.push(...batch.map((s) => ({ id: s.id, name: s.name, siteCode: s.siteCode, organisationAcronym: s.organisationAcronym })));
    if (batch.length < want || sites.length > MAX_SITES) break;
    after = batch[batch.length - 1]!.id;
  }
  const cut = sites.length > MAX_SITES;
  const shown = sites.slice(0, MAX_SITES);
  shown.sort((a, b) => a.organisationAcronym.localeCompare(b.organisationAcronym) || a.name.localeCompare(b.name, "en-GB"));
  return { sites: shown, cut };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export default async function NewDiscoveryPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission("register:write", "/discovery/new");
  const search = await searchParams;
  const problem = problemOf(search);
  const organisations = await listImportOrganisations(actor);
  const several = organisations.length > 1;
  const { sites, cut } = await sitesFor(actor);
  const kind = one(search.kind);
  const coverage = one(search.coverage);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/discovery">Back to network discovery</BackLink>
        <Heading level={1} size="l">
          Upload a scan or camera list
        </Heading>
        <p className="govuk-body">
          The register compares each host in the file with the devices it records at the file&apos;s sites. A network scan is
          compared at once; for a camera list you will first choose which columns hold each camera&apos;s details.
        </p>
        <InsetText>
          A file with any problem is refused whole: nothing from it is stored, and you will see every problem so you can fix them and
          upload it again.
        </InsetText>
        <DiscoveryUploadForm
          problem={problem}
          organisations={
            several
              ? [{ value: "", text: "Choose an organisation" }, ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.acronym})` }))]
              : null
          }
          organisationId={actor.organisationId}
          sites={sites.map((s) => ({ value: String(s.id), text: several ? `${s.name} (${s.siteCode}, ${s.organisationAcronym})` : `${s.name} (${s.siteCode})` }))}
          sitesCut={cut}
          kind={kind === "nmap" || kind === "vms" ? kind : null}
          coverage={coverage === "site" || coverage === "ranges" ? coverage : null}
          fileHint={`An nmap XML file of up to ${mb(MAX_DISCOVERY_BYTES)} MB, or a camera list as CSV or Excel (.xlsx) of up to ${mb(MAX_VMS_BYTES)} MB`}
        />
      </div>
    </div>
  );
}
