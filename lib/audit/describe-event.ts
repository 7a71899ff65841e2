// One audit event in plain English: a short title, a sentence, what changed (field labels with
// their old and new values), the record it is about by name, who did it and when. Pure: the
// names of records an event points at are looked up by the data layer (AuditEventRow.names).
// Every action the service writes has a describer here; tests/unit/audit/describe-event.test.ts
// finds the actions in the code and fails on one without.
import { DEVICE_KINDS } from "@/lib/validation/device";
import {
  BRAND_FIELDS,
  CAMERA_SYSTEM_FIELDS,
  DEVICE_FIELDS,
  MODEL_PREFIX_FIELDS,
  POLICY_FIELDS,
  PRODUCER_FIELDS,
  SITE_FIELDS,
  USER_FIELDS,
  fallbackField,
  type FieldSpec,
} from "@/lib/audit/fields";
import { nameKey, type AuditEventRow, type NamedKind, type RecordNames } from "@/lib/audit/types";
import { capitalise, count, inSentence, joinList, longDate, longDateTime, longDatesIn } from "@/lib/audit/words";

export interface Change {
  field: string;
  before: string;
  after: string;
}

export interface Fact {
  key: string;
  value: string;
}

export interface RecordRef {
  /** "Device", "Camera system"… */
  type: string;
  name: string;
  /** The record's page, when the reader may open it. */
  href: string | null;
}

export interface EventDescription {
  title: string;
  sentence: string;
  record: RecordRef;
  changes: Change[];
  facts: Fact[];
  by: string;
  when: string;
}

export interface DescribeOptions {
  /** Link sites and devices to their pages (readers of the register). */
  registerLinks?: boolean;
  /** Link users, producers, brands and the policy to the administration pages (administrators). */
  adminLinks?: boolean;
}

type Values = Record<string, unknown>;

interface Context {
  event: AuditEventRow;
  before: Values;
  after: Values;
  names: RecordNames;
}

interface Words {
  sentence: string;
  changes?: Change[];
  facts?: Fact[];
}

interface Describer {
  title: string;
  words: (c: Context) => Words;
}

const d = (title: string, words: (c: Context) => Words): Describer => ({ title, words });

function values(v: unknown): Values {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Values) : {};
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function specOf(fields: Record<string, FieldSpec>, key: string): FieldSpec {
  return fields[key] ?? fallbackField(key);
}

/** Keys in the order the field table lists them, then any others in the order recorded. */
function orderedKeys(fields: Record<string, FieldSpec>, keys: Iterable<string>): string[] {
  const set = new Set(keys);
  return [...Object.keys(fields).filter((k) => set.has(k)), ...[...set].filter((k) => !(k in fields))];
}

function changesOf(c: Context, fields: Record<string, FieldSpec>, skip: readonly string[] = []): Change[] {
  const keys = orderedKeys(fields, [...Object.keys(c.before), ...Object.keys(c.after)]).filter((k) => !skip.includes(k));
  return keys
    .filter((k) => JSON.stringify(c.before[k] ?? null) !== JSON.stringify(c.after[k] ?? null))
    .map((k) => {
      const spec = specOf(fields, k);
      return { field: spec.label, before: spec.format(c.before[k] ?? null, c.names), after: spec.format(c.after[k] ?? null, c.names) };
    });
}

/** The values a new record was created with, leaving out the empty ones. */
function factsOf(c: Context, fields: Record<string, FieldSpec>, skip: readonly string[] = []): Fact[] {
  return orderedKeys(fields, Object.keys(c.after))
    .filter((k) => !skip.includes(k))
    .filter((k) => {
      const v = c.after[k];
      return v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
    })
    .map((k) => {
      const spec = specOf(fields, k);
      return { key: spec.label, value: spec.format(c.after[k], c.names) };
    });
}

function changedSentence(changes: readonly Change[], what = ""): string {
  if (changes.length === 0) return `Saved${what ? ` ${what}` : ""} without any changes.`;
  return `Changed the ${joinList(changes.map((ch) => inSentence(ch.field)))}${what ? ` of ${what}` : ""}.`;
}

function nameOf(c: Context, kind: NamedKind, id: unknown, fallback: string): string {
  if (id === null || id === undefined || id === "") return fallback;
  return c.names[nameKey(kind, String(id))] ?? fallback;
}

const KIND_WORDS: Record<(typeof DEVICE_KINDS)[number], string> = { CAMERA: "camera", RECORDER: "recorder", ENCODER: "video encoder", OTHER: "device" };

/** "a Hikvision DS-2CD2143G2-I camera", from the values recorded with the event. */
function deviceWords(v: Values): string {
  const kind = typeof v.kind === "string" && (DEVICE_KINDS as readonly string[]).includes(v.kind) ? KIND_WORDS[v.kind as keyof typeof KIND_WORDS] : "device";
  const label = [str(v.brand), str(v.model)].filter(Boolean).join(" ");
  const phrase = label ? `${label} ${kind}` : kind;
  return `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}

function siteName(c: Context, id: unknown): string {
  return nameOf(c, "site", id, "a site that no longer exists");
}

function producerName(c: Context, id: unknown): string {
  return nameOf(c, "producer", id, "a producer that no longer exists");
}

const device: Record<string, Describer> = {
  "device.created": d("Device added", (c) => ({
    sentence: `Added ${deviceWords(c.after)} to ${siteName(c, c.after.siteId)}.`,
    facts: factsOf(c, DEVICE_FIELDS, ["siteId", "organisationId", "lifecycle"]),
  })),
  "device.updated": d("Device details changed", (c) => {
    const changes = changesOf(c, DEVICE_FIELDS);
    return { sentence: changedSentence(changes), changes };
  }),
  "device.moved": d("Device moved to another site", (c) => {
    const on = str(c.after.installedOn);
    return {
      sentence: `Moved from ${siteName(c, c.before.siteId)} to ${siteName(c, c.after.siteId)}${on ? ` on ${longDate(on)}` : ""}. A move counts as a new installation at the new site.`,
      changes: changesOf(c, DEVICE_FIELDS),
    };
  }),
  "device.decommissioned": d("Device decommissioned", (c) => {
    const on = str(c.after.decommissionedOn);
    return {
      sentence: `Switched off${on ? ` on ${longDate(on)}` : ""}; the device is still on the site.`,
      changes: changesOf(c, DEVICE_FIELDS),
    };
  }),
  "device.removed": d("Device removal recorded", (c) => {
    const on = str(c.after.removedOn);
    return {
      sentence: `Recorded as removed from the site${on ? ` on ${longDate(on)}` : ""}.`,
      changes: changesOf(c, DEVICE_FIELDS),
    };
  }),
  "device.exemption-recorded": d("Exemption recorded", (c) => {
    const by = str(c.after.approvedBy);
    const on = str(c.after.approvedOn);
    const until = str(c.after.expiresOn);
    return {
      sentence: `Recorded an exemption${by ? ` approved by ${by}` : ""}${on ? ` on ${longDate(on)}` : ""}${until ? `, valid until ${longDate(until)}` : ""}.`,
      facts: str(c.after.justification) ? [{ key: "Justification", value: str(c.after.justification)! }] : [],
    };
  }),
  "device.exemption-revoked": d("Exemption revoked", (c) => {
    const by = str(c.before.approvedBy);
    const until = str(c.before.expiresOn);
    const reason = str(c.after.reason);
    return {
      sentence: `Revoked the exemption${by ? ` approved by ${by}` : ""}${until ? ` that was valid until ${longDate(until)}` : ""}; the device is judged without it from now on.`,
      facts: reason ? [{ key: "Reason", value: reason }] : [],
    };
  }),
};

const EFFECTIVE = /\(effective (\d{4}-\d{2}-\d{2})\)/;

const site: Record<string, Describer> = {
  "site.created": d("Site added", (c) => ({
    sentence: `Added the site ${str(c.after.name) ?? "without a name"}${str(c.after.siteCode) ? ` (${str(c.after.siteCode)})` : ""}.`,
    facts: factsOf(c, SITE_FIELDS, ["organisationId", "name", "siteCode"]),
  })),
  "site.updated": d("Site details changed", (c) => {
    const changes = changesOf(c, SITE_FIELDS);
    return { sentence: changedSentence(changes), changes };
  }),
  "site.sensitivity-changed": d("Sensitivity assessment changed", (c) => {
    // The date it takes effect is written only in the event's own sentence.
    const effective = EFFECTIVE.exec(c.event.summary)?.[1];
    return {
      sentence: `Changed the sensitivity assessment${effective ? `, taking effect on ${longDate(effective)}` : ""}.`,
      changes: changesOf(c, SITE_FIELDS),
    };
  }),
  "site.archived": d("Site archived", () => ({
    sentence: "Archived the site: it can no longer be changed, and it has left the organisation’s figures.",
  })),
};

const cameraSystem: Record<string, Describer> = {
  "camera-system.created": d("Camera system added", (c) => ({
    sentence: `Added the camera system ${str(c.after.name) ?? ""} to ${siteName(c, c.after.siteId)}.`,
    facts: factsOf(c, CAMERA_SYSTEM_FIELDS, ["siteId", "name"]),
  })),
  "camera-system.updated": d("Camera system changed", (c) => {
    const changes = changesOf(c, CAMERA_SYSTEM_FIELDS);
    const before = str(c.before.name);
    const after = str(c.after.name);
    const sentence =
      before && after && before !== after
        ? `Renamed the camera system ${before} to ${after}${changes.length > 1 ? " and changed its description" : ""}.`
        : changedSentence(changes, `the camera system ${after ?? before ?? ""}`.trim());
    return { sentence, changes };
  }),
  "camera-system.removed": d("Camera system removed", (c) => {
    const name = str(c.before.name) ?? str(c.after.name);
    const siteId = c.before.siteId ?? c.after.siteId;
    return {
      sentence: `Removed the camera system${name ? ` ${name}` : ""}${siteId !== undefined && siteId !== null ? ` from ${siteName(c, siteId)}` : ""}; it held no devices.`,
    };
  }),
};

const SESSIONS_ENDED = /; (\d+) other sessions? ended/;

// Why single sign-on refused someone, as lib/data/identities.ts records it.
const SSO_REFUSALS: Readonly<Record<string, string>> = {
  "missing-details": "the provider did not give an identifier and an email address",
  "unverified-email": "the provider did not confirm the email address is verified",
  "unknown-email": "no account has this email address",
  inactive: "the account is deactivated",
  "service-account": "the account is a service account, which cannot sign in",
  "linked-elsewhere": "the account is already linked to a different account at that provider",
};

const user: Record<string, Describer> = {
  "user.created": d("Account created", (c) => {
    const role = USER_FIELDS.role!.format(c.after.role, c.names);
    const org = c.after.organisationId === null || c.after.organisationId === undefined ? null : nameOf(c, "organisation", c.after.organisationId, "");
    return {
      sentence: `Created an account for ${str(c.after.name) ?? "someone"}${str(c.after.email) ? ` (${str(c.after.email)})` : ""} as ${inSentence(role)}${org ? ` in ${org}` : ""}, with a temporary password.`,
    };
  }),
  "user.updated": d("Account changed", (c) => {
    const changes = changesOf(c, USER_FIELDS);
    return { sentence: changedSentence(changes), changes };
  }),
  "user.deactivated": d("Account deactivated", () => ({ sentence: "Deactivated the account: it can no longer sign in, and its sessions ended." })),
  "user.reactivated": d("Account reactivated", () => ({ sentence: "Reactivated the account: it can sign in again." })),
  "user.password_chosen": d("Password chosen", () => ({ sentence: "Chose their own password at their first sign-in." })),
  "user.invited": d("Invitation sent", (c) => {
    if (c.after.resent === true) return { sentence: `Sent a new invitation to ${str(c.after.email) ?? "the person"}: the earlier link no longer works.` };
    const role = USER_FIELDS.role!.format(c.after.role, c.names);
    const org = c.after.organisationId === null || c.after.organisationId === undefined ? null : nameOf(c, "organisation", c.after.organisationId, "");
    return {
      sentence: `Invited ${str(c.after.name) ?? "someone"}${str(c.after.email) ? ` (${str(c.after.email)})` : ""} by email as ${inSentence(role)}${org ? ` in ${org}` : ""}: they choose their own password from the link.`,
    };
  }),
  "user.invitation_accepted": d("Invitation accepted", () => ({ sentence: "Accepted their invitation and chose their own password." })),
  "user.accountable_official_changed": d("Accountable official changed", (c) =>
    c.after.accountableOfficial === true
      ? { sentence: "Made the person an accountable official for returns: they may attest their department’s return." }
      : { sentence: "The person is no longer an accountable official for returns." },
  ),
  "user.password_changed": d("Password changed", (c) => {
    const ended = Number(SESSIONS_ENDED.exec(c.event.summary)?.[1] ?? 0);
    return {
      sentence: `Changed their password.${ended > 0 ? ` Their ${count(ended, "other session")} ${ended === 1 ? "was" : "were"} ended.` : ""}`,
    };
  }),
  "user.identity-linked": d("Single sign-on linked", (c) => {
    const provider = str(c.after.providerName) ?? str(c.after.provider) ?? "their organisation’s sign-in service";
    const email = str(c.after.email);
    return { sentence: `Signed in with ${provider} for the first time${email ? ` as ${email}` : ""}, which linked that sign-in to the account.` };
  }),
  "sign-in.refused": d("Single sign-on refused", (c) => {
    const provider = str(c.after.providerName) ?? str(c.after.provider) ?? "an organisation’s sign-in service";
    const who = str(c.after.email) ?? "someone whose email address was not given";
    const reason = str(c.after.reason) ?? "";
    const why = Object.hasOwn(SSO_REFUSALS, reason) ? SSO_REFUSALS[reason] : "it could not be matched to an account";
    return { sentence: `A sign-in with ${provider} as ${who} was refused: ${why}.` };
  }),
  "user.second-factor-enabled": d("Authenticator app set up", () => ({
    sentence: "Set up an authenticator app for signing in, and was given new recovery codes.",
  })),
  "user.second-factor-disabled": d("Authenticator app turned off", () => ({
    sentence: "Turned off the authenticator app for signing in. Their recovery codes no longer work.",
  })),
  "user.recovery-codes-regenerated": d("New recovery codes", () => ({
    sentence: "Asked for new recovery codes. The old ones no longer work.",
  })),
  "user.recovery-code-used": d("Recovery code used", (c) => {
    const left = Number(c.after.recoveryCodesLeft);
    return {
      sentence: `Signed in with a recovery code instead of their authenticator app.${Number.isInteger(left) ? ` They have ${count(left, "recovery code")} left.` : ""}`,
    };
  }),
  "sign-in.second-factor-throttled": d("Sign-in codes slowed down", () => ({
    sentence: "Several wrong codes were entered in a row after a correct password, so further attempts are slowed down.",
  })),
  "sign-in.throttled": d("Sign-in slowed down", (c) => ({
    sentence:
      c.event.entityType === "sign-in address"
        ? `Several sign-ins from the network address ${c.event.entityId} failed in a row, so further attempts from there are slowed down.`
        : `Several sign-ins as ${c.event.entityId} failed in a row, so further attempts are slowed down.`,
  })),
};

const ACCESS_WORDS: Readonly<Record<string, string>> = { READ: "read only", READ_WRITE: "read and change" };

function tokenWords(v: Values): string {
  const name = str(v.name);
  const access = str(v.access);
  const accessWords = access && Object.hasOwn(ACCESS_WORDS, access) ? ` (${ACCESS_WORDS[access]})` : "";
  return `the API token${name ? ` “${name}”` : ""}${accessWords}`;
}

const apiAccess: Record<string, Describer> = {
  "api-token.created": d("API token created", (c) => {
    const until = str(c.after.expiresOn);
    const owner = str(c.after.owner);
    const forWhom = c.event.entityType === "service-account" && owner ? ` for the service account ${owner}` : "";
    return { sentence: `Created ${tokenWords(c.after)}${forWhom}${until ? `, working until the end of ${longDate(until)}` : ""}.` };
  }),
  "api-token.revoked": d("API token revoked", (c) => ({
    sentence: `Revoked ${tokenWords(c.before)}: it stopped working at once.`,
  })),
  "service-account.created": d("Service account created", (c) => {
    const role = USER_FIELDS.role!.format(c.after.role, c.names);
    const org = c.after.organisationId === null || c.after.organisationId === undefined ? null : nameOf(c, "organisation", c.after.organisationId, "");
    return {
      sentence: `Created the service account ${str(c.after.name) ?? ""} as ${inSentence(role)}${org ? ` in ${org}` : ""}. It cannot sign in: systems use it through API tokens.`,
    };
  }),
  "service-account.deactivated": d("Service account deactivated", (c) => {
    const revoked = num(c.after.revokedTokens) ?? 0;
    return { sentence: `Deactivated the service account${revoked > 0 ? ` and revoked its ${count(revoked, "API token")}` : ""}: none of its tokens works any more.` };
  }),
};

const admin: Record<string, Describer> = {
  "policy.updated": d("Policy settings changed", (c) => {
    const changes = changesOf(c, POLICY_FIELDS);
    return { sentence: changedSentence(changes), changes };
  }),
  "register.producer.created": d("Producer added", (c) => ({
    sentence: `Added ${str(c.after.name) ?? "a producer"} to the producer register.`,
    facts: factsOf(c, PRODUCER_FIELDS, ["name"]),
  })),
  "register.producer.updated": d("Producer changed", (c) => {
    const changes = changesOf(c, PRODUCER_FIELDS);
    return { sentence: changedSentence(changes), changes };
  }),
  "register.brand.created": d("Brand added", (c) => ({
    sentence: `Added the brand ${str(c.after.name) ?? ""} to ${producerName(c, c.after.producerId)}.`,
    facts: factsOf(c, BRAND_FIELDS, ["producerId", "name"]),
  })),
  "register.brand.updated": d("Brand changed", (c) => {
    const changes = changesOf(c, BRAND_FIELDS);
    const moved = c.before.producerId !== undefined && c.before.producerId !== c.after.producerId;
    return {
      sentence: moved
        ? `Moved the brand from ${producerName(c, c.before.producerId)} to ${producerName(c, c.after.producerId)}.`
        : changedSentence(changes),
      changes,
    };
  }),
  "register.model-prefix.created": d("Model prefix added", (c) => ({
    sentence: `Added the model prefix ${str(c.after.prefix) ?? ""} to ${producerName(c, c.after.producerId)}.`,
    facts: factsOf(c, MODEL_PREFIX_FIELDS, ["producerId", "prefix"]),
  })),
  "register.model-prefix.removed": d("Model prefix removed", (c) => ({
    sentence: `Removed the model prefix ${str(c.before.prefix) ?? ""} from ${producerName(c, c.before.producerId)}.`,
  })),
};

const EXPORT_FORMAT = / as (CSV|XLSX)$/;

function asOfWords(v: Values): string {
  const asOf = str(v.asOf);
  if (!asOf) return "";
  return `, as of ${longDate(asOf)}${v.source === "snapshot" ? " (a saved daily snapshot)" : ""}`;
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return count(bytes, "byte");
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString("en-GB", { maximumFractionDigits: 0 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

const RE_EVALUATED = /^Re-evaluated ([\d,]+) devices as of (\d{4}-\d{2}-\d{2}) after: (.*) \(([\d,]+) results changed\)$/;

const readingAndWork: Record<string, Describer> = {
  "register.export": d("Register downloaded", (c) => {
    const format = str(c.after.format)?.toUpperCase() ?? EXPORT_FORMAT.exec(c.event.summary)?.[1] ?? null;
    const label = c.event.entityId;
    const scope = label === "all" ? "every organisation they can see" : (c.event.organisationId !== null ? nameOf(c, "organisation", c.event.organisationId, label) : label);
    return { sentence: `Downloaded the register of ${scope}${format ? ` as a ${format} file` : ""}.` };
  }),
  "dashboard.exported": d("Organisations table downloaded", (c) => {
    const rows = num(c.after.rows);
    const format = str(c.after.format)?.toUpperCase();
    return {
      sentence: `Downloaded the dashboard’s organisations table${format ? ` as a ${format} file` : ""}${rows !== null ? `: ${count(rows, "organisation")}` : ""}${asOfWords(c.after)}.`,
      facts: str(c.after.filename) ? [{ key: "File", value: str(c.after.filename)! }] : [],
    };
  }),
  "report.generated": d("Report generated", (c) => {
    const format = str(c.after.format)?.toUpperCase();
    const scope = str(c.after.scope);
    const bytes = num(c.after.bytes);
    return {
      sentence: `Generated ${format ? `a ${format} report` : "a report"}${scope ? ` for ${scope}` : ""}${asOfWords(c.after)}.`,
      facts: [
        ...(str(c.after.filename) ? [{ key: "File", value: str(c.after.filename)! }] : []),
        ...(bytes !== null ? [{ key: "Size", value: fileSize(bytes) }] : []),
        ...(str(c.after.sha256) ? [{ key: "Fingerprint (SHA-256)", value: str(c.after.sha256)! }] : []),
      ],
    };
  }),
  "import.apply": d("Import confirmed", (c) => {
    const n = (k: string) => num(c.after[k]) ?? 0;
    const parts = [
      `${count(n("created"), "device")} added`,
      `${count(n("updated"), "device")} updated`,
      `${count(n("unchanged"), "device")} unchanged`,
      `${count(n("sitesCreated"), "site")} added`,
      ...(c.after.systemsCreated !== undefined ? [`${count(n("systemsCreated"), "camera system")} added`] : []),
    ];
    const rows = num(c.after.rows);
    return {
      sentence: `Imported ${str(c.after.filename) ?? "a file"}${rows !== null ? ` (${count(rows, "row")})` : ""}: ${joinList(parts)}.`,
    };
  }),
  "compliance.reevaluated": d("Compliance re-evaluated", (c) => {
    const m = RE_EVALUATED.exec(c.event.summary);
    if (!m) return { sentence: longDatesIn(c.event.summary) };
    const devices = Number(m[1]!.replace(/,/g, ""));
    const changed = Number(m[4]!.replace(/,/g, ""));
    return {
      sentence: `Re-evaluated ${count(devices, "device")} as of ${longDate(m[2]!)}, after: ${m[3]}. ${capitalise(count(changed, "result"))} changed.`,
    };
  }),
};

// Network discovery: the stored sentence already names the file and the counts in plain words.
const discovery: Record<string, Describer> = {
  "discovery.uploaded": d("Camera list uploaded", (c) => ({ sentence: `${c.event.summary}.` })),
  "discovery.refused": d("Discovery file refused", (c) => ({ sentence: `${c.event.summary}. Nothing from it was stored.` })),
  "discovery.reconciled": d("Network reconciled with the register", (c) => ({ sentence: `${c.event.summary}.` })),
  "discovery.host-dismissed": d("Discovered host dismissed", (c) => ({ sentence: `${c.event.summary}.` })),
  "discovery.hosts-added": d("Discovered hosts added to the register", (c) => ({ sentence: `${c.event.summary}.` })),
};

// Returns: the stored sentence names the round, the department, the official and the figures' hash.
const returns: Record<string, Describer> = {
  "return.round-opened": d("Return round opened", (c) => ({ sentence: `${longDatesIn(c.event.summary)}.` })),
  "return.attested": d("Return attested", (c) => ({ sentence: `${longDatesIn(c.event.summary)}.` })),
  "return.reattested": d("Return attested again", (c) => ({ sentence: `${longDatesIn(c.event.summary)}.` })),
};

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  ...device, ...site, ...cameraSystem, ...user, ...apiAccess, ...admin, ...readingAndWork, ...discovery, ...returns,
};

/** Every action with its own words (the rest are described from their stored sentence). */
export const DESCRIBED_ACTIONS: readonly string[] = Object.keys(DESCRIBERS);

export function isDescribedAction(action: string): boolean {
  return Object.hasOwn(DESCRIBERS, action);
}

/** The short title of an action, as the audit page's filter offers it. */
export function actionLabel(action: string): string {
  return Object.hasOwn(DESCRIBERS, action) ? DESCRIBERS[action]!.title : capitalise(action.replace(/[._-]+/g, " "));
}

export const ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  site: "Site",
  device: "Device",
  "camera-system": "Camera system",
  user: "User account",
  "service-account": "Service account",
  "sign-in email": "Sign-in (email address)",
  "sign-in address": "Sign-in (network address)",
  policy: "Policy settings",
  producer: "Producer",
  brand: "Brand",
  "model-prefix": "Model prefix",
  register: "Register download",
  "dashboard-export": "Dashboard download",
  report: "Report",
  import: "Import",
  evaluation: "Compliance re-evaluation",
  "discovery-scan": "Network scan or camera list",
  "return-round": "Return round",
};

export function entityTypeLabel(entityType: string): string {
  return Object.hasOwn(ENTITY_TYPE_LABELS, entityType) ? ENTITY_TYPE_LABELS[entityType]! : capitalise(entityType.replace(/[._-]+/g, " "));
}

function recordOf(c: Context, options: DescribeOptions): RecordRef {
  const { event } = c;
  const id = event.entityId;
  const type = entityTypeLabel(event.entityType);
  const own = (kind: NamedKind) => c.names[nameKey(kind, id)];
  const either = (k: string) => str(c.after[k]) ?? str(c.before[k]);
  const register = (href: string) => (options.registerLinks ? href : null);
  const adminHref = (href: string) => (options.adminLinks ? href : null);
  switch (event.entityType) {
    case "site":
      return { type, name: own("site") ?? either("name") ?? "A site that no longer exists", href: register(`/sites/${id}`) };
    case "device":
      return { type, name: own("device") ?? "A device that no longer exists", href: register(`/devices/${id}`) };
    case "camera-system":
      return { type, name: own("camera-system") ?? either("name") ?? "A camera system that has since been removed", href: null };
    case "user":
      return { type, name: own("user") ?? either("email") ?? "An account that no longer exists", href: adminHref(`/admin/users/${id}`) };
    case "service-account":
      // Token events name the account as "owner" (their "name" is the token's).
      return { type, name: either("owner") ?? (event.action.startsWith("service-account.") ? either("name") : null) ?? "A service account", href: adminHref(`/admin/service-accounts/${id}`) };
    case "producer":
      return { type, name: own("producer") ?? either("name") ?? "A producer that no longer exists", href: adminHref(`/admin/register/producers/${id}`) };
    case "brand":
      return { type, name: own("brand") ?? either("name") ?? "A brand that no longer exists", href: adminHref(`/admin/register/brands/${id}`) };
    case "model-prefix": {
      const producerId = c.after.producerId ?? c.before.producerId;
      const prefix = either("prefix") ?? "A model prefix";
      return { type, name: `${prefix} (${producerName(c, producerId)})`, href: producerId === undefined ? null : adminHref(`/admin/register/producers/${String(producerId)}`) };
    }
    case "policy":
      return { type, name: "Policy settings", href: adminHref("/admin/policy") };
    case "register":
      return { type, name: id === "all" ? "The register of every organisation in scope" : `The register of ${event.organisationAcronym ?? id}`, href: null };
    case "dashboard-export":
      return { type, name: "The dashboard’s organisations table", href: null };
    case "report":
      return { type, name: either("filename") ?? "A report", href: null };
    case "import":
      return { type, name: either("filename") ?? "An import", href: null };
    case "evaluation":
      return { type, name: "Compliance results", href: null };
    case "discovery-scan":
      return { type, name: `Upload ${id}`, href: register(`/discovery/${id}`) };
    case "return-round":
      return { type, name: either("round") ?? either("name") ?? `Round ${id}`, href: register(event.organisationId ? `/returns/${id}/${event.organisationId}` : `/returns/${id}`) };
    case "sign-in email":
    case "sign-in address":
      return { type, name: id, href: null };
    default:
      return { type, name: `${type} ${id}`, href: null };
  }
}

/** Who did it, as the trail names them. */
export function actorWords(email: string): string {
  return email === "system" ? "the service itself" : email;
}

export function describeEvent(event: AuditEventRow, options: DescribeOptions = {}): EventDescription {
  const c: Context = { event, before: values(event.before), after: values(event.after), names: event.names };
  const describer = Object.hasOwn(DESCRIBERS, event.action) ? DESCRIBERS[event.action] : undefined;
  // An action this version does not know still reads without codes: its own sentence, dates long.
  const words: Words = describer ? describer.words(c) : { sentence: longDatesIn(event.summary), changes: changesOf(c, {}) };
  return {
    title: actionLabel(event.action),
    sentence: words.sentence,
    record: recordOf(c, options),
    changes: words.changes ?? [],
    facts: words.facts ?? [],
    by: actorWords(event.actorEmail),
    when: longDateTime(event.at),
  };
}
