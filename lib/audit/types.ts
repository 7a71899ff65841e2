// The audit trail as the pages read it. Shared by the data layer (lib/data/audit-log.ts), which
// fills it, and by lib/audit/describe-event.ts and the components, which must not import lib/data.

/**
 * The current names of the records an event mentions, keyed `<kind>:<id>` (for example
 * "site:12", "camera-system:3996", "organisation:5"), looked up when the trail is read so that
 * history says "Marsham Street annexe" rather than "site 12". A record that no longer exists
 * (a removed model prefix or camera system) is simply absent: the event's own values name it.
 */
export type RecordNames = Readonly<Record<string, string>>;

export type NamedKind = "site" | "device" | "camera-system" | "organisation" | "producer" | "brand" | "user";

export function nameKey(kind: NamedKind, id: string | number): string {
  return `${kind}:${id}`;
}

export interface AuditEventRow {
  id: string;
  /** When it was written, as an ISO instant. */
  at: string;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  organisationId: number | null;
  organisationAcronym: string | null;
  /** The sentence written with the event. Kept as evidence; pages show describeEvent's words. */
  summary: string;
  before: unknown;
  after: unknown;
  names: RecordNames;
}
