export const DEMO_PASSWORD = "Demo-password-2026";

export type DemoRole = "ESTATES_EDITOR" | "ORG_VIEWER" | "CABINET_OFFICE" | "MINISTER_OFFICE" | "ADMIN";

/** One account per role (and a second editor whose department has agencies), listed in the README. */
export const DEMO_USERS: readonly { email: string; name: string; role: DemoRole; organisation: string | null; accountableOfficial?: boolean }[] = [
  { email: "editor@ho.example.gov.uk", name: "Erin Editor", role: "ESTATES_EDITOR", organisation: "HO" },
  { email: "viewer@ho.example.gov.uk", name: "Victor Viewer", role: "ORG_VIEWER", organisation: "HO" },
  // The Home Office's accountable official for returns: attests the department's figures.
  { email: "official@ho.example.gov.uk", name: "Olu Official", role: "ORG_VIEWER", organisation: "HO", accountableOfficial: true },
  { email: "editor@moj.example.gov.uk", name: "Morgan Editor", role: "ESTATES_EDITOR", organisation: "MoJ" },
  { email: "analyst@cabinetoffice.example.gov.uk", name: "Casey Analyst", role: "CABINET_OFFICE", organisation: "CO" },
  { email: "private.office@minister.example.gov.uk", name: "Min Private Office", role: "MINISTER_OFFICE", organisation: null },
  { email: "admin@register.example.gov.uk", name: "Ada Admin", role: "ADMIN", organisation: null },
];
