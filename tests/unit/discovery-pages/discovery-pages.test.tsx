import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AddHostsForm } from "@/components/discovery/add-hosts-form";
import { guessBrand, guessKind, type HostEvidence } from "@/components/discovery/addition-defaults";
import { ColumnsForm } from "@/components/discovery/columns-form";
import { DismissedHostTable, MatchedHostTable, NotSeenTable, UnrecordedHostTable } from "@/components/discovery/host-tables";
import { ScanTable } from "@/components/discovery/scan-table";
import type { HostView, ScanListItem } from "@/components/discovery/types";
import { DiscoveryUploadForm, type UploadFormProps } from "@/components/discovery/upload-form";
import { discardedSentence, serviceWords } from "@/components/discovery/words";
import type { DiscoveredService } from "@/lib/discovery/types";
import { VMS_FIELDS } from "@/lib/validation/discovery-mapping";

const http: DiscoveredService = { port: 80, protocol: "tcp", name: "http", product: "Hikvision IP camera httpd", version: null, extraInfo: null };
const rtsp: DiscoveredService = { port: 554, protocol: "tcp", name: "rtsp", product: null, version: null, extraInfo: null };

const HOST: HostView = {
  id: 41,
  line: 112,
  siteId: 7,
  siteName: "2 Marsham Street",
  address: "10.20.1.5",
  mac: "4419B6000001",
  macVendor: "Hangzhou Hikvision Digital Technology",
  hostnames: [],
  name: null,
  manufacturer: null,
  model: "DS-2CD2143G2-I",
  serial: null,
  firmware: null,
  services: [http, rtsp],
  osGuess: null,
  probableProducer: "Hikvision",
  reasons: ["The network address's prefix is registered to Hangzhou Hikvision Digital Technology Co.,Ltd., a Hikvision prefix."],
  device: null,
  matchedBy: null,
  differences: [],
  action: null,
  actionReason: null,
  actedAt: null,
  finding: { ruleId: "N1-UNRECORDED-COVERED", status: "ACTION_DUE", message: "A host on the network is probably equipment produced by Hikvision." },
  current: true,
};

const evidence = (over: Partial<HostEvidence>): HostEvidence => ({
  services: [], name: null, model: null, osGuess: null, hostnames: [], probableProducer: null, manufacturer: null, macVendor: null, ...over,
});

describe("the first answers for a host to add", () => {
  it("takes a recorder port with DVR or NVR in a banner for a recorder", () => {
    const svc = { ...http, port: 37777, name: "unknown", product: "Dahua NVR" };
    expect(guessKind(evidence({ services: [svc] }))).toBe("Recorder");
    // The port alone, or the words alone, are not enough.
    expect(guessKind(evidence({ services: [{ ...svc, product: null }] }))).toBe("Other");
  });

  it("takes RTSP, ONVIF or a camera's words for a camera, and anything else for other", () => {
    expect(guessKind(evidence({ services: [rtsp] }))).toBe("Camera");
    expect(guessKind(evidence({ services: [{ ...http, port: 8080, name: "onvif", product: null }] }))).toBe("Camera");
    expect(guessKind(evidence({ services: [http] }))).toBe("Camera");
    expect(guessKind(evidence({ services: [{ ...http, product: "nginx" }] }))).toBe("Other");
  });

  it("starts the brand from the probable producer, then the maker, then the MAC vendor", () => {
    expect(guessBrand(evidence({ probableProducer: "Dahua", manufacturer: "Acme", macVendor: "Vendor" }))).toBe("Dahua");
    expect(guessBrand(evidence({ manufacturer: "Acme", macVendor: "Vendor" }))).toBe("Acme");
    expect(guessBrand(evidence({ macVendor: "Vendor" }))).toBe("Vendor");
    expect(guessBrand(evidence({}))).toBe("");
  });
});

describe("the discovery pages' words", () => {
  it("writes a service as nmap reports it, and discarded columns in a sentence", () => {
    expect(serviceWords(http)).toBe("80/http Hikvision IP camera httpd");
    expect(discardedSentence(["Password"])).toBe("The column Password was discarded: the register never stores passwords.");
    expect(discardedSentence(["Password", "PIN"])).toBe("The columns Password and PIN were discarded: the register never stores passwords.");
  });
});

describe("the hosts not in the register", () => {
  it("gives editors a labelled tick box and a dismiss link per host, and the finding in words", () => {
    const html = renderToStaticMarkup(<UnrecordedHostTable caption="Probable" emptyText="None" source="NMAP" hosts={[HOST]} scanId={9} />);
    expect(html).toContain('type="checkbox" name="host" value="41"');
    expect(html).toContain('<span class="govuk-visually-hidden">Add 10.20.1.5 to the register</span>');
    expect(html).toContain('href="/discovery/9/dismiss/41"');
    expect(html).toContain("Action due");
    expect(html).toContain("44:19:B6:00:00:01 (Hangzhou Hikvision Digital Technology)");
    expect(html).toContain("80/http Hikvision IP camera httpd");
    expect(html).toContain("Why we think so");
    // Codes are for machines.
    expect(html).not.toContain("ACTION_DUE");
    expect(html).not.toContain("N1-UNRECORDED-COVERED");
  });

  it("shows viewers the same hosts without the editor's controls", () => {
    const html = renderToStaticMarkup(<UnrecordedHostTable caption="Probable" emptyText="None" source="NMAP" hosts={[HOST]} />);
    expect(html).not.toContain('type="checkbox"');
    expect(html).not.toContain("/dismiss/");
    expect(html).toContain("Hikvision");
  });

  it("says so when there are none", () => {
    const html = renderToStaticMarkup(<UnrecordedHostTable caption="Probable" emptyText="Nothing is missing." source="NMAP" hosts={[]} scanId={9} />);
    expect(html).toContain("Nothing is missing.");
  });
});

describe("the other lists", () => {
  it("links a matched host to its device, with how it was matched and the differences", () => {
    const matched = { ...HOST, device: { id: 5, label: "Hikvision DS-2CD (ABC)", status: "BREACH" }, matchedBy: "MAC" as const, differences: ["The IP address differs"] };
    const html = renderToStaticMarkup(<MatchedHostTable caption="Matched" emptyText="None" source="NMAP" hosts={[matched, { ...matched, id: 6, differences: [] }]} />);
    expect(html).toContain('href="/devices/5"');
    expect(html).toContain("Matched by MAC address");
    expect(html).toContain("<li>The IP address differs</li>");
    expect(html).toContain("No differences");
    expect(html).toContain(">Breach<");
  });

  it("offers editors the removal page of a device the scan did not see", () => {
    const device = { id: 8, label: "Dahua IPC (SN1)", siteName: "Site", mac: null, ip: "10.0.0.9", lastSeenAt: null, status: "ADVISORY" };
    const editor = renderToStaticMarkup(<NotSeenTable caption="Not seen" emptyText="None" devices={[device]} editable />);
    expect(editor).toContain('href="/devices/8/removal"');
    expect(editor).toContain("Never seen by a scan");
    const viewer = renderToStaticMarkup(<NotSeenTable caption="Not seen" emptyText="None" devices={[device]} editable={false} />);
    expect(viewer).not.toContain("/removal");
  });

  it("lists dismissed hosts with their reasons", () => {
    const html = renderToStaticMarkup(
      <DismissedHostTable caption="Dismissed" emptyText="None" source="NMAP" hosts={[{ ...HOST, actionReason: "A door entry panel", actedAt: new Date("2026-05-03T10:00:00Z") }]} />,
    );
    expect(html).toContain("A door entry panel");
    expect(html).toContain("3 May 2026");
  });
});

const SCAN: ScanListItem = {
  id: 3, organisation: "HO", filename: "scan.xml", source: "NMAP", state: "RECONCILED", scannedAt: new Date("2026-05-01T09:00:00Z"),
  uploadedAt: new Date("2026-05-02T09:00:00Z"), uploadedBy: "Jo Bloggs", sites: [{ id: 7, name: "2 Marsham Street" }],
  hosts: 10, matched: 6, unrecorded: 4, listedUnrecorded: 3, otherHosts: 0, probableCovered: 2, dismissed: 1, problemCount: 0,
};

describe("the list of scans", () => {
  it("shows probable covered equipment as a red tag, and no figures for a refused file", () => {
    const html = renderToStaticMarkup(<ScanTable scans={[SCAN, { ...SCAN, id: 4, state: "REFUSED", probableCovered: 0 }]} />);
    expect(html).toContain('<strong class="govuk-tag govuk-tag--red">2</strong>');
    expect(html).toContain(">Refused<");
    expect(html).toContain('href="/discovery/3"');
    expect(html).not.toContain("NMAP");
  });
});

const UPLOAD: UploadFormProps = {
  problem: null, organisations: null, organisationId: 1, sites: [{ value: "7", text: "2 Marsham Street (HO-0001)" }], sitesCut: false,
  kind: null, coverage: null, fileHint: "hint",
};

describe("the upload form", () => {
  it("posts the fields the route reads, as multipart data", () => {
    const html = renderToStaticMarkup(<DiscoveryUploadForm {...UPLOAD} />);
    expect(html).toMatch(/<form[^>]* action="\/api\/discovery"/);
    expect(html).toMatch(/<form[^>]* encType="multipart\/form-data"/);
    expect(html).toMatch(/<form[^>]* method="post"/);
    for (const name of ["kind", "coverage", "site", "ranges", "file"]) expect(html).toContain(`name="${name}"`);
    expect(html).not.toContain('name="organisation"');
    // No conditional reveal: govuk-frontend would put aria-expanded on the radios, which axe refuses.
    expect(html).not.toContain("data-aria-controls");
  });

  it("asks for the organisation only when there is a choice", () => {
    const html = renderToStaticMarkup(<DiscoveryUploadForm {...UPLOAD} organisations={[{ value: "1", text: "Home Office (HO)" }, { value: "2", text: "Border Force (BF)" }]} />);
    expect(html).toContain('name="organisation"');
  });

  it("shows the route's problem against its field, with the choice it belongs to open", () => {
    const html = renderToStaticMarkup(<DiscoveryUploadForm {...UPLOAD} problem={{ field: "ranges", message: "No site of yours has the code XX-1" }} />);
    expect(html).toContain('href="#ranges"');
    expect(html).toContain('id="ranges-error"');
    expect(html).toContain('name="coverage" checked="" value="ranges"');
  });
});

describe("the review of hosts to add", () => {
  it("names each input after its column and host, and keeps the host ids", () => {
    const html = renderToStaticMarkup(
      <AddHostsForm
        action={async (s) => s}
        cancelHref="/discovery/9"
        hosts={[{ id: 41, legend: "10.20.1.5: probably Hikvision", evidence: [], defaults: { kind: "Camera", brand: "Hikvision", model: "DS-2CD", serial: "" } }]}
      />,
    );
    for (const name of ["kind", "brand", "model", "serial", "installed_on", "network", "notes"]) expect(html).toContain(`name="${name}-41"`);
    expect(html).toContain('<input type="hidden" name="host" value="41"/>');
    expect(html).toContain('value="Hikvision"');
    expect(html).toContain("Add 1 device to the register");
  });
});

describe("the choice of a camera list's columns", () => {
  it("offers each header or none for every field, chosen as suggested", () => {
    const html = renderToStaticMarkup(
      <ColumnsForm
        action={async (s) => s}
        fields={VMS_FIELDS}
        headers={["Camera", "IP", "MAC"]}
        mapping={{ name: "Camera", address: "IP", mac: null, manufacturer: null, model: null, serial: null, firmware: null, site: null }}
        product="Milestone XProtect"
      />,
    );
    for (const f of VMS_FIELDS) expect(html).toContain(`name="${f.name}"`);
    expect(html).toContain("Not in this file");
    expect(html).toContain('<input type="hidden" name="product" value="Milestone XProtect"/>');
  });
});
