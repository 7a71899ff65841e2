"use client";
// A client component so every page sends the header and footer as their few values, not as
// markup (see components/dashboard/figures-table.tsx). Rendered on the server; no JavaScript needed.
import type { ReactNode } from "react";
import { cx } from "./cx";

export interface FooterLink {
  href: string;
  text: string;
}

export interface FooterProps {
  links: FooterLink[];
  /** Extra content under the marking (e.g. build/version text). */
  children?: ReactNode;
  /** Match a WidthContainer wide={true} page. */
  wide?: boolean;
}

export const SECURITY_MARKING_TEXT = "OFFICIAL-SENSITIVE: handle the register's data accordingly.";

export function Footer({ links, children, wide = false }: FooterProps) {
  return (
    <footer className="govuk-footer">
      <div className={cx("govuk-width-container", wide && "govuk-width-container--wide")}>
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            {links.length > 0 ? (
              <>
                <h2 className="govuk-visually-hidden">Support links</h2>
                <ul className="govuk-footer__inline-list">
                  {links.map((link) => (
                    <li key={link.href} className="govuk-footer__inline-list-item">
                      <a href={link.href} className="govuk-footer__link">
                        {link.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="govuk-footer__marking">
              <strong>{SECURITY_MARKING_TEXT}</strong>
            </p>
            {children ? <div className="govuk-footer__meta-custom">{children}</div> : null}
          </div>
        </div>
      </div>
    </footer>
  );
}
