// The one role → permission matrix. Pure: the UI asks it what to show, the server what to allow.

export const ROLES = ["ESTATES_EDITOR", "ORG_VIEWER", "CABINET_OFFICE", "MINISTER_OFFICE", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ESTATES_EDITOR: "Estates editor",
  ORG_VIEWER: "Organisation viewer",
  CABINET_OFFICE: "Cabinet Office",
  MINISTER_OFFICE: "Minister's office",
  ADMIN: "Administrator",
};

export type Permission =
  | "register:read" // sites and devices, with detail (scoped to organisations)
  | "register:write" // create and edit sites, systems, devices, exemptions; import
  | "register:export"
  | "audit:read"
  | "dashboard:read" // cross-government compliance dashboard
  | "dashboard:drilldown" // from the dashboard to sites and devices of any organisation
  | "reports:read"
  | "admin:users"
  | "admin:organisations"
  | "admin:register" // producer register
  | "admin:policy"
  | "admin:audit" // check the audit trail's hash chain
  | "returns:read" // the Cabinet Office's return rounds, and the department's own returns
  | "returns:manage"; // open return rounds (attesting needs the accountable official's flag too)

const MATRIX: Record<Role, readonly Permission[]> = {
  ESTATES_EDITOR: ["register:read", "register:write", "register:export", "audit:read", "reports:read", "returns:read"],
  ORG_VIEWER: ["register:read", "register:export", "audit:read", "reports:read", "returns:read"],
  CABINET_OFFICE: ["register:read", "register:export", "audit:read", "dashboard:read", "dashboard:drilldown", "reports:read", "returns:read", "returns:manage"],
  // Aggregates only: the list of sensitive sites is withheld from the minister's office.
  MINISTER_OFFICE: ["dashboard:read", "reports:read"],
  ADMIN: ["admin:users", "admin:organisations", "admin:register", "admin:policy", "admin:audit", "audit:read"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Fails closed: an unknown role has no permission at all. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return isRole(role) && MATRIX[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

/** Whether the role sees every organisation (true) or only its own and its agencies (false). */
export function seesAllOrganisations(role: Role): boolean {
  return role === "CABINET_OFFICE" || role === "MINISTER_OFFICE" || role === "ADMIN";
}
