import type { Role } from "@/lib/auth/permissions";

/** The signed-in person, as the data layer needs them to scope every query. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  /** The organisations whose register this person may see: their own and its agencies, or all. */
  scope: { all: true } | { all: false; organisationIds: number[] };
}

export function inScope(actor: Actor, organisationId: number): boolean {
  return actor.scope.all || actor.scope.organisationIds.includes(organisationId);
}

/** A live sign-in: who it is, and whether they must choose a new password before anything else. */
export interface SignedIn {
  sessionId: string;
  actor: Actor;
  mustChangePassword: boolean;
}
