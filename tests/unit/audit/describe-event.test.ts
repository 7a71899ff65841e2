import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, describeEvent, entityTypeLabel, isDescribedAction, type EventDescription } from "@/lib/audit/describe-event";
import type { AuditEventRow } from "@/lib/audit/types";

const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * Every audit action the service writes: the string literals in the `action:` of each
 * recordAudit call (including both arms of a conditional such as user.reactivated/deactivated).
 */
function actionsInCode(): string[] {
  const found = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app"))]) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit")) continue;
    for (const m of text.matchAll(/\baction:\s*([^\n]+)/g)) {
      for (const lit of m[1]!.matchAll(/"([a-z][a-z-]*\.[a-z][a-z_.-]*)"/g)) found.add(lit[1]!);
    }
  }
  return [...found].sort();
}

const NAMES = {
  "site:12": "Marsham Street annexe (HO-MSA-01)",
  "site:13": "Croydon depot (HO-CRD-02)",
  "device:77": "Hikvision DS-2CD2143G2-I at Marsham Street annexe",
  "camera-system:3996": "Main recorder at Marsham Street annexe",
  "camera-system:4000": "Gatehouse",
  "organisation:5": "Home Office",
  "producer:2": "Dahua",
  "producer:1": "Hikvision",
  "brand:9": "Imou",
  "user:31": "Pat Tester",
};

function event(action: string, entityType: string, entityId: string, rest: Partial<AuditEventRow> = {}): AuditEventRow {
  return {
    id: "1",
    at: "2026-12-01T09:14:00.000Z",
    actorEmail: "editor@ho.example.gov.uk",
    action,
    entityType,
    entityId,
    organisationId: 5,
    organisationAcronym: "HO",
    summary: "",
    before: null,
    after: null,
    names: NAMES,
    ...rest,
  };
}

const DEVICE_SHAPE = {
  siteId: 12, organisationId: 5, systemId: 3996, kind: "CAMERA", brand: "Hikvision", model: "DS-2CD2143G2-I", serial: null,
  assetTag: null, mac: "4447CC123456", ip: null, installedOn: "2023-06-01", network: "SEGREGATED", vendorCloud: false,
  lifecycle: "IN_SERVICE", decommissionedOn: null, removedOn: null, removalEvidence: null, notes: null,
};

const SITE_SHAPE = {
  organisationId: 5, name: "Marsham Street annexe", siteCode: "HO-MSA-01", addressLine1: "2 Marsham Street", addressLine2: null,
  town: "London", postcode: "SW1P 4DF", uprn: null, epimsId: null, sensitivity: "SENSITIVE", holdsSecretMaterial: false,
  hostsDvStaff: false, usedByMinisters: true, socpaDesignated: false, highestClassification: null, controlsExtended: false,
  sensitiveSince: null, assessedBy: null, assessedOn: null,
};

interface Expected {
  title: string;
  sentence: string;
  record?: string;
  changes?: EventDescription["changes"];
  facts?: EventDescription["facts"];
}

/** One realistic event of every kind, shaped as the code writes it, with the words it must read as. */
const EXAMPLES: Record<string, [AuditEventRow, Expected]> = {
  "device.created": [
    event("device.created", "device", "77", { summary: "Added a Hikvision DS-2CD2143G2-I camera to Marsham Street annexe", after: DEVICE_SHAPE }),
    {
      title: "Device added",
      sentence: "Added a Hikvision DS-2CD2143G2-I camera to Marsham Street annexe (HO-MSA-01).",
      record: "Hikvision DS-2CD2143G2-I at Marsham Street annexe",
      facts: [
        { key: "Camera system", value: "Main recorder at Marsham Street annexe" },
        { key: "Type of device", value: "Camera" },
        { key: "Brand", value: "Hikvision" },
        { key: "Model", value: "DS-2CD2143G2-I" },
        { key: "MAC address", value: "44:47:CC:12:34:56" },
        { key: "Install date", value: "1 June 2023" },
        { key: "Network", value: "Segregated network" },
        { key: "Manufacturer’s cloud or peer-to-peer service", value: "Not enabled" },
      ],
    },
  ],
  "device.updated": [
    event("device.updated", "device", "77", {
      summary: "Updated the Hikvision DS-2CD2143G2-I camera: network, vendorCloud, notes",
      before: { network: "SEGREGATED", vendorCloud: false, notes: null },
      after: { network: "CORE", vendorCloud: true, notes: "Seen on the core switch" },
    }),
    {
      title: "Device details changed",
      sentence: "Changed the network, manufacturer’s cloud or peer-to-peer service and notes.",
      changes: [
        { field: "Network", before: "Segregated network", after: "Departmental core network" },
        { field: "Manufacturer’s cloud or peer-to-peer service", before: "Not enabled", after: "Enabled" },
        { field: "Notes", before: "None", after: "Seen on the core switch" },
      ],
    },
  ],
  "device.moved": [
    event("device.moved", "device", "77", {
      before: { siteId: 12, systemId: 3996, installedOn: "2023-06-01" },
      after: { siteId: 13, systemId: null, installedOn: "2026-11-30" },
    }),
    {
      title: "Device moved to another site",
      sentence: "Moved from Marsham Street annexe (HO-MSA-01) to Croydon depot (HO-CRD-02) on 30 November 2026. A move counts as a new installation at the new site.",
      changes: [
        { field: "Site", before: "Marsham Street annexe (HO-MSA-01)", after: "Croydon depot (HO-CRD-02)" },
        { field: "Camera system", before: "Main recorder at Marsham Street annexe", after: "Not part of a system" },
        { field: "Install date", before: "1 June 2023", after: "30 November 2026" },
      ],
    },
  ],
  "device.decommissioned": [
    event("device.decommissioned", "device", "77", {
      before: { lifecycle: "IN_SERVICE", decommissionedOn: null },
      after: { lifecycle: "DECOMMISSIONED", decommissionedOn: "2026-03-03" },
    }),
    {
      title: "Device decommissioned",
      sentence: "Switched off on 3 March 2026; the device is still on the site.",
      changes: [
        { field: "State", before: "In service", after: "Decommissioned (still on site)" },
        { field: "Date the device was switched off", before: "Not recorded", after: "3 March 2026" },
      ],
    },
  ],
  "device.removed": [
    event("device.removed", "device", "77", {
      before: { lifecycle: "DECOMMISSIONED", removedOn: null, removalEvidence: null },
      after: { lifecycle: "REMOVED", removedOn: "2026-04-01", removalEvidence: "Contractor's certificate 1234" },
    }),
    {
      title: "Device removal recorded",
      sentence: "Recorded as removed from the site on 1 April 2026.",
      changes: [
        { field: "State", before: "Decommissioned (still on site)", after: "Removed" },
        { field: "Date the device was removed from the site", before: "Not recorded", after: "1 April 2026" },
        { field: "Evidence of removal", before: "Not recorded", after: "Contractor's certificate 1234" },
      ],
    },
  ],
  "device.exemption-recorded": [
    event("device.exemption-recorded", "device", "77", {
      after: { exemptionId: 4, justification: "Replacement ordered", approvedBy: "Jo Bloggs, security lead", approvedOn: "2026-01-10", expiresOn: "2026-12-31" },
    }),
    {
      title: "Exemption recorded",
      sentence: "Recorded an exemption approved by Jo Bloggs, security lead on 10 January 2026, valid until 31 December 2026.",
      facts: [{ key: "Justification", value: "Replacement ordered" }],
    },
  ],
  "device.exemption-revoked": [
    event("device.exemption-revoked", "device", "77", {
      before: { exemptionId: 4, approvedBy: "Jo Bloggs", approvedOn: "2026-01-10", expiresOn: "2026-12-31" },
      after: { exemptionId: 4, reason: "The replacement was cancelled", revokedOn: "2026-12-01" },
    }),
    {
      title: "Exemption revoked",
      sentence: "Revoked the exemption approved by Jo Bloggs that was valid until 31 December 2026; the device is judged without it from now on.",
      facts: [{ key: "Reason", value: "The replacement was cancelled" }],
    },
  ],
  "site.created": [
    event("site.created", "site", "12", { after: SITE_SHAPE }),
    {
      title: "Site added",
      sentence: "Added the site Marsham Street annexe (HO-MSA-01).",
      record: "Marsham Street annexe (HO-MSA-01)",
      facts: [
        { key: "Address line 1", value: "2 Marsham Street" },
        { key: "Town or city", value: "London" },
        { key: "Postcode", value: "SW1P 4DF" },
        { key: "Sensitivity", value: "Sensitive" },
        { key: "Routinely holds SECRET material or above", value: "No" },
        { key: "Hosts a significant proportion of officials with developed vetting (DV) clearance", value: "No" },
        { key: "Routinely used by Ministers", value: "Yes" },
        { key: "Designated under the Serious Organised Crime and Police Act 2005 (section 128)", value: "No" },
        { key: "Sensitive-site controls extended to this site", value: "No" },
      ],
    },
  ],
  "site.updated": [
    event("site.updated", "site", "12", { before: { postcode: "SW1P 4DF", uprn: null }, after: { postcode: "SW1P 4DE", uprn: "100023336956" } }),
    {
      title: "Site details changed",
      sentence: "Changed the postcode and UPRN.",
      changes: [
        { field: "Postcode", before: "SW1P 4DF", after: "SW1P 4DE" },
        { field: "UPRN", before: "Not recorded", after: "100023336956" },
      ],
    },
  ],
  "site.sensitivity-changed": [
    event("site.sensitivity-changed", "site", "12", {
      summary: "Changed the sensitivity assessment of Marsham Street annexe (effective 2026-02-01)",
      before: { sensitivity: "NOT_SENSITIVE", usedByMinisters: false, sensitiveSince: null },
      after: { sensitivity: "SENSITIVE", usedByMinisters: true, sensitiveSince: "2026-02-01" },
    }),
    {
      title: "Sensitivity assessment changed",
      sentence: "Changed the sensitivity assessment, taking effect on 1 February 2026.",
      changes: [
        { field: "Sensitivity", before: "Not sensitive", after: "Sensitive" },
        { field: "Routinely used by Ministers", before: "No", after: "Yes" },
        { field: "Sensitive since", before: "For as long as we know, or not sensitive", after: "1 February 2026" },
      ],
    },
  ],
  "site.archived": [
    event("site.archived", "site", "12", { before: { archivedAt: null }, after: { archivedAt: "2026-12-01T09:14:00.000Z" } }),
    { title: "Site archived", sentence: "Archived the site: it can no longer be changed, and it has left the organisation’s figures." },
  ],
  "camera-system.created": [
    event("camera-system.created", "camera-system", "3996", { after: { siteId: 12, name: "Main recorder", description: "The NVR in the plant room" } }),
    {
      title: "Camera system added",
      sentence: "Added the camera system Main recorder to Marsham Street annexe (HO-MSA-01).",
      record: "Main recorder at Marsham Street annexe",
      facts: [{ key: "Description", value: "The NVR in the plant room" }],
    },
  ],
  "camera-system.updated": [
    event("camera-system.updated", "camera-system", "4000", { before: { name: "Gate", description: null }, after: { name: "Gatehouse", description: null } }),
    {
      title: "Camera system changed",
      sentence: "Renamed the camera system Gate to Gatehouse.",
      record: "Gatehouse",
      changes: [{ field: "Name", before: "Gate", after: "Gatehouse" }],
    },
  ],
  "camera-system.removed": [
    event("camera-system.removed", "camera-system", "5000", { before: { siteId: 12, name: "Old gate", description: null } }),
    { title: "Camera system removed", sentence: "Removed the camera system Old gate from Marsham Street annexe (HO-MSA-01); it held no devices.", record: "Old gate" },
  ],
  "user.created": [
    event("user.created", "user", "31", {
      actorEmail: "admin@register.example.gov.uk",
      after: { name: "Pat Tester", email: "pat@test.example.gov.uk", role: "ESTATES_EDITOR", organisationId: 5, active: true },
    }),
    {
      title: "Account created",
      sentence: "Created an account for Pat Tester (pat@test.example.gov.uk) as estates editor in Home Office, with a temporary password.",
      record: "Pat Tester",
    },
  ],
  "user.updated": [
    event("user.updated", "user", "31", {
      before: { name: "Pat Tester", email: "pat@test.example.gov.uk", role: "ESTATES_EDITOR", organisationId: 5, active: true },
      after: { name: "Pat Tester", email: "pat@test.example.gov.uk", role: "ORG_VIEWER", organisationId: 5, active: true },
    }),
    { title: "Account changed", sentence: "Changed the role.", changes: [{ field: "Role", before: "Estates editor", after: "Organisation viewer" }] },
  ],
  "user.deactivated": [
    event("user.deactivated", "user", "31", { before: { active: true }, after: { active: false } }),
    { title: "Account deactivated", sentence: "Deactivated the account: it can no longer sign in, and its sessions ended." },
  ],
  "user.reactivated": [
    event("user.reactivated", "user", "31", { before: { active: false }, after: { active: true } }),
    { title: "Account reactivated", sentence: "Reactivated the account: it can sign in again." },
  ],
  "user.password_chosen": [
    event("user.password_chosen", "user", "31", { summary: "Chose a password at first sign-in for pat@test.example.gov.uk" }),
    { title: "Password chosen", sentence: "Chose their own password at their first sign-in." },
  ],
  "user.invited": [
    event("user.invited", "user", "32", {
      actorEmail: "admin@register.example.gov.uk",
      after: { name: "Ina Invited", email: "ina@test.example.gov.uk", role: "ORG_VIEWER", organisationId: 5, active: true, expiresAt: "2026-12-09T10:00:00.000Z" },
    }),
    {
      title: "Invitation sent",
      sentence: "Invited Ina Invited (ina@test.example.gov.uk) by email as organisation viewer in Home Office: they choose their own password from the link.",
      record: "ina@test.example.gov.uk",
    },
  ],
  "user.invitation_accepted": [
    event("user.invitation_accepted", "user", "32", { summary: "Accepted the invitation and chose a password for ina@test.example.gov.uk" }),
    { title: "Invitation accepted", sentence: "Accepted their invitation and chose their own password." },
  ],
  "user.accountable_official_changed": [
    event("user.accountable_official_changed", "user", "32", { before: { accountableOfficial: false }, after: { accountableOfficial: true } }),
    { title: "Accountable official changed", sentence: "Made the person an accountable official for returns: they may attest their department’s return." },
  ],
  "user.password_changed": [
    event("user.password_changed", "user", "31", { summary: "Changed their password for pat@test.example.gov.uk; 2 other sessions ended" }),
    { title: "Password changed", sentence: "Changed their password. Their 2 other sessions were ended." },
  ],
  "sign-in.throttled": [
    event("sign-in.throttled", "sign-in email", "pat@test.example.gov.uk", { actorEmail: "system" }),
    { title: "Sign-in slowed down", sentence: "Several sign-ins as pat@test.example.gov.uk failed in a row, so further attempts are slowed down.", record: "pat@test.example.gov.uk" },
  ],
  "user.second-factor-enabled": [
    event("user.second-factor-enabled", "user", "31", { summary: "Set up an authenticator app for pat@test.example.gov.uk, with 10 recovery codes" }),
    { title: "Authenticator app set up", sentence: "Set up an authenticator app for signing in, and was given new recovery codes." },
  ],
  "user.second-factor-disabled": [
    event("user.second-factor-disabled", "user", "31", { summary: "Turned off the authenticator app for pat@test.example.gov.uk; its recovery codes were removed" }),
    { title: "Authenticator app turned off", sentence: "Turned off the authenticator app for signing in. Their recovery codes no longer work." },
  ],
  "user.recovery-codes-regenerated": [
    event("user.recovery-codes-regenerated", "user", "31", { summary: "New recovery codes for pat@test.example.gov.uk; the old ones no longer work" }),
    { title: "New recovery codes", sentence: "Asked for new recovery codes. The old ones no longer work." },
  ],
  "user.recovery-code-used": [
    event("user.recovery-code-used", "user", "31", { summary: "Signed in with a recovery code; 1 left", after: { recoveryCodesLeft: 1 } }),
    { title: "Recovery code used", sentence: "Signed in with a recovery code instead of their authenticator app. They have 1 recovery code left." },
  ],
  "sign-in.second-factor-throttled": [
    event("sign-in.second-factor-throttled", "user", "31", { summary: "Repeated wrong codes for pat@test.example.gov.uk: further attempts are slowed down" }),
    { title: "Sign-in codes slowed down", sentence: "Several wrong codes were entered in a row after a correct password, so further attempts are slowed down." },
  ],
  "user.identity-linked": [
    event("user.identity-linked", "user", "7", {
      actorEmail: "pat@test.example.gov.uk",
      after: { provider: "home-office", providerName: "Home Office", email: "pat@test.example.gov.uk", subject: "a1b2" },
    }),
    { title: "Single sign-on linked", sentence: "Signed in with Home Office for the first time as pat@test.example.gov.uk, which linked that sign-in to the account.", record: "pat@test.example.gov.uk" },
  ],
  "sign-in.refused": [
    event("sign-in.refused", "sign-in email", "sam@test.example.gov.uk", {
      actorEmail: "system",
      after: { provider: "home-office", providerName: "Home Office", email: "sam@test.example.gov.uk", reason: "unknown-email" },
    }),
    { title: "Single sign-on refused", sentence: "A sign-in with Home Office as sam@test.example.gov.uk was refused: no account has this email address.", record: "sam@test.example.gov.uk" },
  ],
  "api-token.created": [
    event("api-token.created", "user", "31", {
      summary: 'Created the API token "Facilities system" (read and change, expires 2027-06-30) for pat@test.example.gov.uk',
      after: { tokenId: 4, name: "Facilities system", access: "READ_WRITE", expiresOn: "2027-06-30", prefix: "ecr_Ab12Cd", owner: "Pat Tester" },
    }),
    { title: "API token created", sentence: "Created the API token “Facilities system” (read and change), working until the end of 30 June 2027.", record: "Pat Tester" },
  ],
  "api-token.revoked": [
    event("api-token.revoked", "service-account", "40", {
      actorEmail: "admin@register.example.gov.uk",
      before: { tokenId: 4, name: "Nightly export", prefix: "ecr_Ab12Cd", access: "READ", owner: "CAFM export" },
    }),
    { title: "API token revoked", sentence: "Revoked the API token “Nightly export” (read only): it stopped working at once.", record: "CAFM export" },
  ],
  "service-account.created": [
    event("service-account.created", "service-account", "40", {
      actorEmail: "admin@register.example.gov.uk",
      after: { name: "CAFM export", role: "ESTATES_EDITOR", organisationId: 5 },
    }),
    {
      title: "Service account created",
      sentence: "Created the service account CAFM export as estates editor in Home Office. It cannot sign in: systems use it through API tokens.",
      record: "CAFM export",
    },
  ],
  "service-account.deactivated": [
    event("service-account.deactivated", "service-account", "40", {
      actorEmail: "admin@register.example.gov.uk",
      before: { name: "CAFM export", role: "ESTATES_EDITOR", organisationId: 5, active: true },
      after: { name: "CAFM export", role: "ESTATES_EDITOR", organisationId: 5, active: false, revokedTokens: 2 },
    }),
    { title: "Service account deactivated", sentence: "Deactivated the service account and revoked its 2 API tokens: none of its tokens works any more.", record: "CAFM export" },
  ],
  "policy.updated": [
    event("policy.updated", "policy", "1", {
      organisationId: null,
      before: { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365, maxExemptionMonths: 36 },
      after: { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 366, maxExemptionMonths: 1 },
    }),
    {
      title: "Policy settings changed",
      sentence: "Changed the reclassification grace period and longest exemption.",
      record: "Policy settings",
      changes: [
        { field: "Reclassification grace period", before: "365 days", after: "366 days" },
        { field: "Longest exemption", before: "36 months", after: "1 month" },
      ],
    },
  ],
  "register.producer.created": [
    event("register.producer.created", "producer", "40", {
      organisationId: null,
      after: { name: "Acme Vision", legalName: null, covered: true, confidence: "MEDIUM", source: "FCC Covered List", sourceUrl: "https://www.fcc.gov/supplychain/coveredlist", notes: null },
    }),
    {
      title: "Producer added",
      sentence: "Added Acme Vision to the producer register.",
      record: "Acme Vision",
      facts: [
        { key: "Subject to the National Intelligence Law", value: "Yes, covered" },
        { key: "Confidence", value: "Medium" },
        { key: "Source", value: "FCC Covered List" },
        { key: "Web address of the source", value: "https://www.fcc.gov/supplychain/coveredlist" },
      ],
    },
  ],
  "register.producer.updated": [
    event("register.producer.updated", "producer", "2", {
      organisationId: null,
      before: { covered: true, confidence: "HIGH", source: "DOMAIN.md §4", notes: null },
      after: { covered: true, confidence: "MEDIUM", source: "FCC Covered List", notes: null },
    }),
    {
      title: "Producer changed",
      sentence: "Changed the confidence and source.",
      record: "Dahua",
      changes: [
        { field: "Confidence", before: "High", after: "Medium" },
        { field: "Source", before: "DOMAIN.md §4", after: "FCC Covered List" },
      ],
    },
  ],
  "register.brand.created": [
    event("register.brand.created", "brand", "9", {
      organisationId: null,
      after: { producerId: 2, name: "Imou", aliases: ["Huacheng"], confidence: "MEDIUM", validUntil: null, source: "FCC Covered List", notes: null },
    }),
    {
      title: "Brand added",
      sentence: "Added the brand Imou to Dahua.",
      record: "Imou",
      facts: [
        { key: "Other names", value: "Huacheng" },
        { key: "Confidence", value: "Medium" },
        { key: "Source", value: "FCC Covered List" },
      ],
    },
  ],
  "register.brand.updated": [
    event("register.brand.updated", "brand", "9", {
      organisationId: null,
      before: { producerId: 1, name: "Imou", aliases: [], confidence: "MEDIUM", validUntil: null, source: "x", notes: null },
      after: { producerId: 2, name: "Imou", aliases: [], confidence: "MEDIUM", validUntil: "2023-12-31", source: "x", notes: null },
    }),
    {
      title: "Brand changed",
      sentence: "Moved the brand from Hikvision to Dahua.",
      changes: [
        { field: "Producer", before: "Hikvision", after: "Dahua" },
        { field: "Valid until", before: "No end date", after: "31 December 2023" },
      ],
    },
  ],
  "register.model-prefix.created": [
    event("register.model-prefix.created", "model-prefix", "60", { organisationId: null, after: { producerId: 2, prefix: "QX-1", brand: "Imou", confidence: "LOW" } }),
    {
      title: "Model prefix added",
      sentence: "Added the model prefix QX-1 to Dahua.",
      record: "QX-1 (Dahua)",
      facts: [
        { key: "Brand", value: "Imou" },
        { key: "Confidence", value: "Low" },
      ],
    },
  ],
  "register.model-prefix.removed": [
    event("register.model-prefix.removed", "model-prefix", "60", { organisationId: null, before: { producerId: 2, prefix: "QX-1", brand: null, confidence: null } }),
    { title: "Model prefix removed", sentence: "Removed the model prefix QX-1 from Dahua.", record: "QX-1 (Dahua)" },
  ],
  "register.export": [
    event("register.export", "register", "HO", { summary: "Exported the register of HO as CSV" }),
    { title: "Register downloaded", sentence: "Downloaded the register of Home Office as a CSV file.", record: "The register of HO" },
  ],
  "dashboard.exported": [
    event("dashboard.exported", "dashboard-export", "organisations-2026-11-30.csv", {
      organisationId: null,
      after: { format: "csv", filename: "organisations-2026-11-30.csv", asOf: "2026-11-30", source: "snapshot", rows: 1, filters: {} },
    }),
    {
      title: "Organisations table downloaded",
      sentence: "Downloaded the dashboard’s organisations table as a CSV file: 1 organisation, as of 30 November 2026 (a saved daily snapshot).",
      facts: [{ key: "File", value: "organisations-2026-11-30.csv" }],
    },
  ],
  "import.apply": [
    event("import.apply", "import", "b-1", {
      summary: "Imported cameras.csv: 1 devices created, 0 updated, 0 unchanged, 1 sites created (import b-1)",
      after: { batchId: "b-1", filename: "cameras.csv", rows: 1, created: 1, updated: 0, unchanged: 0, sitesCreated: 1, systemsCreated: 0 },
    }),
    {
      title: "Import confirmed",
      sentence: "Imported cameras.csv (1 row): 1 device added, no devices updated, no devices unchanged, 1 site added and no camera systems added.",
      record: "cameras.csv",
    },
  ],
  "discovery.uploaded": [
    event("discovery.uploaded", "discovery-scan", "4", { summary: "Uploaded the camera list cameras.csv, to choose its columns" }),
    { title: "Camera list uploaded", sentence: "Uploaded the camera list cameras.csv, to choose its columns.", record: "Upload 4" },
  ],
  "discovery.refused": [
    event("discovery.refused", "discovery-scan", "5", { summary: "Refused the discovery file scan.xml: 2 problems" }),
    { title: "Discovery file refused", sentence: "Refused the discovery file scan.xml: 2 problems. Nothing from it was stored.", record: "Upload 5" },
  ],
  "discovery.reconciled": [
    event("discovery.reconciled", "discovery-scan", "6", {
      summary: "Reconciled the discovery file scan.xml: 9 hosts, 3 in the register, 6 not in the register (2 probable covered equipment), 1 register device not seen",
      after: { hosts: 9, matched: 3, unrecorded: 6, probableCovered: 2, notSeen: 1 },
    }),
    {
      title: "Network reconciled with the register",
      sentence: "Reconciled the discovery file scan.xml: 9 hosts, 3 in the register, 6 not in the register (2 probable covered equipment), 1 register device not seen.",
      record: "Upload 6",
    },
  ],
  "discovery.host-dismissed": [
    event("discovery.host-dismissed", "discovery-scan", "6", { summary: "Dismissed the host 10.20.30.9 found by scan.xml: It is the door entry panel" }),
    { title: "Discovered host dismissed", sentence: "Dismissed the host 10.20.30.9 found by scan.xml: It is the door entry panel.", record: "Upload 6" },
  ],
  "discovery.hosts-added": [
    event("discovery.hosts-added", "discovery-scan", "6", { summary: "Added 2 hosts found by scan.xml to the register" }),
    { title: "Discovered hosts added to the register", sentence: "Added 2 hosts found by scan.xml to the register.", record: "Upload 6" },
  ],
  "return.round-opened": [
    event("return.round-opened", "return-round", "3", {
      organisationId: null,
      organisationAcronym: null,
      summary: 'Opened the return round "December 2026 return" for 20 departments, figures as of 2026-12-01, due 2026-12-15',
      after: { name: "December 2026 return", asOf: "2026-12-01", dueOn: "2026-12-15", declarations: [], departments: 20 },
    }),
    {
      title: "Return round opened",
      sentence: 'Opened the return round "December 2026 return" for 20 departments, figures as of 1 December 2026, due 15 December 2026.',
      record: "December 2026 return",
    },
  ],
  "return.attested": [
    event("return.attested", "return-round", "3", {
      summary: 'Olu Official attested the Home Office return for "December 2026 return" (figures as of 2026-12-01; SHA-256 ab12)',
      after: { official: "Olu Official", round: "December 2026 return", asOf: "2026-12-01", figuresHash: "ab12" },
    }),
    {
      title: "Return attested",
      sentence: 'Olu Official attested the Home Office return for "December 2026 return" (figures as of 1 December 2026; SHA-256 ab12).',
      record: "December 2026 return",
    },
  ],
  "return.reattested": [
    event("return.reattested", "return-round", "3", {
      summary: 'Olu Official attested again the Home Office return for "December 2026 return" (figures as of 2026-12-01; SHA-256 cd34)',
      after: { official: "Olu Official", round: "December 2026 return", asOf: "2026-12-01", figuresHash: "cd34" },
    }),
    {
      title: "Return attested again",
      sentence: 'Olu Official attested again the Home Office return for "December 2026 return" (figures as of 1 December 2026; SHA-256 cd34).',
      record: "December 2026 return",
    },
  ],
  "report.generated": [
    event("report.generated", "report", "8", {
      after: { format: "pdf", scope: "Home Office and its agencies", organisationId: 5, asOf: "2026-11-30", source: "current", sha256: "ab12", bytes: 20480, filename: "report.pdf" },
    }),
    {
      title: "Report generated",
      sentence: "Generated a PDF report for Home Office and its agencies, as of 30 November 2026.",
      facts: [
        { key: "File", value: "report.pdf" },
        { key: "Size", value: "20 KB" },
        { key: "Fingerprint (SHA-256)", value: "ab12" },
      ],
    },
  ],
  "compliance.reevaluated": [
    event("compliance.reevaluated", "evaluation", "job-1", {
      actorEmail: "admin@register.example.gov.uk",
      organisationId: null,
      summary: "Re-evaluated 50,123 devices as of 2026-12-01 after: Policy settings changed (1 results changed)",
    }),
    { title: "Compliance re-evaluated", sentence: "Re-evaluated 50,123 devices as of 1 December 2026, after: Policy settings changed. 1 result changed.", record: "Compliance results" },
  ],
};

describe("describeEvent: every action the code writes", () => {
  const written = actionsInCode();

  it("finds the actions in the code (the scan itself works)", () => {
    expect(written.length).toBeGreaterThanOrEqual(28);
    expect(written).toEqual(expect.arrayContaining(["device.updated", "user.reactivated", "user.deactivated", "site.sensitivity-changed", "site.updated"]));
  });

  it.each(written)("%s has its own words and an example here", (action) => {
    expect(isDescribedAction(action)).toBe(true);
    expect(EXAMPLES[action], `add an example of ${action} to this test`).toBeDefined();
  });
});

describe("describeEvent: the words for each kind", () => {
  it.each(Object.entries(EXAMPLES))("%s", (_action, [row, expected]) => {
    const words = describeEvent(row);
    expect(words.title).toBe(expected.title);
    expect(words.sentence).toBe(expected.sentence);
    if (expected.record !== undefined) expect(words.record.name).toBe(expected.record);
    expect(words.changes).toEqual(expected.changes ?? []);
    expect(words.facts).toEqual(expected.facts ?? []);
    expect(words.when).toBe("1 December 2026 at 9:14am");
  });

  it.each(Object.entries(EXAMPLES))("%s speaks no code: no action names, field keys, ISO dates or “1 sites”", (_action, [row]) => {
    const words = describeEvent(row);
    const text = [words.title, words.sentence, words.record.name, ...words.changes.flatMap((c) => [c.field, c.before, c.after]), ...words.facts.flatMap((f) => [f.key, f.value])].join(" | ");
    expect(text).not.toContain(row.action);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b(?!\.csv)/);
    expect(text).not.toMatch(/\b(vendorCloud|siteId|systemId|organisationId|producerId|installedOn|camera-system \d+)\b/);
    expect(text).not.toMatch(/\b1 (devices|sites|rows|results|organisations)\b/);
  });
});

describe("describeEvent: records, people and links", () => {
  const [deviceEvent] = EXAMPLES["device.updated"]!;

  it("links sites and devices only for readers of the register, administration pages only for administrators", () => {
    expect(describeEvent(deviceEvent).record.href).toBeNull();
    expect(describeEvent(deviceEvent, { registerLinks: true }).record).toEqual({ type: "Device", name: "Hikvision DS-2CD2143G2-I at Marsham Street annexe", href: "/devices/77" });
    const [producer] = EXAMPLES["register.producer.updated"]!;
    expect(describeEvent(producer, { registerLinks: true }).record.href).toBeNull();
    expect(describeEvent(producer, { adminLinks: true }).record.href).toBe("/admin/register/producers/2");
  });

  it("names a record that no longer exists from the event's own values", () => {
    const [removed] = EXAMPLES["register.model-prefix.removed"]!;
    expect(describeEvent({ ...removed, names: {} }).record.name).toBe("QX-1 (a producer that no longer exists)");
    const [system] = EXAMPLES["camera-system.removed"]!;
    expect(describeEvent({ ...system, names: {} }).sentence).toBe("Removed the camera system Old gate from a site that no longer exists; it held no devices.");
  });

  it("says who: an email address, or the service itself", () => {
    expect(describeEvent(deviceEvent).by).toBe("editor@ho.example.gov.uk");
    expect(describeEvent(EXAMPLES["sign-in.throttled"]![0]).by).toBe("the service itself");
  });

  it("a change saved with nothing different says so", () => {
    expect(describeEvent({ ...deviceEvent, before: {}, after: {} }).sentence).toBe("Saved without any changes.");
  });

  it("an action this version does not know reads from its own sentence, with long dates", () => {
    const words = describeEvent(event("thing.done", "thing", "3", { summary: "Did the thing on 2026-01-02", before: { colourName: "red" }, after: { colourName: "blue" } }));
    expect(words.title).toBe("Thing done");
    expect(words.sentence).toBe("Did the thing on 2 January 2026");
    expect(words.changes).toEqual([{ field: "Colour name", before: "red", after: "blue" }]);
  });

  it("labels actions and record types for the audit page's filters", () => {
    expect(actionLabel("device.updated")).toBe("Device details changed");
    expect(actionLabel("register.model-prefix.removed")).toBe("Model prefix removed");
    expect(entityTypeLabel("camera-system")).toBe("Camera system");
    expect(entityTypeLabel("sign-in email")).toBe("Sign-in (email address)");
  });

  it("writes times in UK time, summer and winter", () => {
    expect(describeEvent({ ...deviceEvent, at: "2026-07-01T11:05:00.000Z" }).when).toBe("1 July 2026 at 12:05pm");
    expect(describeEvent({ ...deviceEvent, at: "2026-01-01T00:00:00.000Z" }).when).toBe("1 January 2026 at 12:00am");
  });
});
