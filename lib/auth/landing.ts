// Where each role's work is, and so where signing in (or opening "/") takes them: an editor's and
// a viewer's sites, the dashboard for the Cabinet Office and the minister's office, administration
// for administrators. An explicit, safe callbackUrl still wins (lib/auth/safe-redirect.ts).
import type { Permission, Role } from "@/lib/auth/permissions";

export interface Landing {
  path: string;
  /** What the page needs, so a change to the matrix that would land someone on a 403 fails its test. */
  permission: Permission;
}

export const LANDINGS: Readonly<Record<Role, Landing>> = {
  ESTATES_EDITOR: { path: "/sites", permission: "register:read" },
  ORG_VIEWER: { path: "/sites", permission: "register:read" },
  CABINET_OFFICE: { path: "/dashboard", permission: "dashboard:read" },
  MINISTER_OFFICE: { path: "/dashboard", permission: "dashboard:read" },
  ADMIN: { path: "/admin", permission: "admin:users" },
};

export function landingPath(role: Role): string {
  return LANDINGS[role].path;
}
