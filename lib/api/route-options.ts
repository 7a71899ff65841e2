import type { Permission } from "@/lib/auth/permissions";

export type ApiAccess = "read" | "write";

/** What an API operation requires: the token's access, and one of these permissions of its owner. */
export interface ApiRouteOptions {
  access: ApiAccess;
  permission: Permission | readonly Permission[];
}
