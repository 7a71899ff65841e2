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

/**
 * What someone signed in must do before the service opens to them, in this order: give the code
 * from their authenticator app, choose their own password, set up an authenticator app (a role
 * that requires one). Until then they are no actor: only that one page answers them.
 */
export type SignInHold = "second-factor" | "choose-password" | "enrol-second-factor";

/** A live sign-in: who it is, how they signed in, and what they must do before anything else. */
export interface SignedIn {
  sessionId: string;
  actor: Actor;
  mustChangePassword: boolean;
  hold: SignInHold | null;
  /** "password", or the id of the single sign-on provider they came through. */
  method: string;
}
