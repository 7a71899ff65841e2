import { SubNavigation } from "@/components/govuk";

export type AdminSection = "home" | "users" | "service-accounts" | "register" | "policy" | "audit-trail";

const ITEMS: { section: AdminSection; href: string; text: string }[] = [
  { section: "home", href: "/admin", text: "Overview" },
  { section: "users", href: "/admin/users", text: "Users" },
  { section: "service-accounts", href: "/admin/service-accounts", text: "Service accounts" },
  { section: "register", href: "/admin/register", text: "Producer register" },
  { section: "policy", href: "/admin/policy", text: "Policy settings" },
  { section: "audit-trail", href: "/admin/audit-trail", text: "Audit trail check" },
];

export function AdminNav({ current }: { current: AdminSection }) {
  return <SubNavigation label="Administration" items={ITEMS.map((i) => ({ href: i.href, text: i.text, current: i.section === current }))} />;
}
