"use client";
// A client component so that it can read the URL (the root layout does not re-render), and so
// every page sends the header as its few values rather than as markup (see
// components/dashboard/figures-table.tsx). Rendered on the server; no JavaScript needed.
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { currentNavigation, type HeaderNavigationItem } from "./header-navigation";
import { ServiceNavigation } from "./service-navigation";

export type { HeaderNavigationItem };

export interface HeaderProps {
  serviceName: string;
  serviceHref: string;
  navigation?: HeaderNavigationItem[];
  /** Who is signed in and their account links: the service navigation's end slot. */
  account?: ReactNode;
  /** Printed above everything on paper only (the protective marking). */
  printMarking?: string;
  /** The phase banner, inside the header landmark as the design system's page template places it. */
  children?: ReactNode;
}

/**
 * The page's banner landmark for a service not on GOV.UK: no GOV.UK header (crown, logotype), so
 * the service name and navigation are the service navigation component's, as the design system's
 * page template composes them.
 */
export function Header({ serviceName, serviceHref, navigation = [], account, printMarking, children }: HeaderProps) {
  const pathname = usePathname();
  return (
    <header className="govuk-template__header">
      {printMarking ? <p className="app-print-marking">{printMarking}</p> : null}
      <ServiceNavigation
        serviceName={serviceName}
        serviceUrl={serviceHref}
        navigation={currentNavigation(navigation, pathname)}
        slots={account ? { end: account } : undefined}
      />
      {children}
    </header>
  );
}
