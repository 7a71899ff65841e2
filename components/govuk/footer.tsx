"use client";
// A client component so every page sends the footer as its few values, not as markup (see
// components/dashboard/figures-table.tsx). Rendered on the server; no JavaScript needed.
import type { ReactNode } from "react";
import { cx } from "./cx";

export interface FooterLink {
  href: string;
  text: string;
}

export interface FooterMeta {
  items?: FooterLink[];
  /** Text or markup under the links (the macro's meta.text / meta.html). */
  content?: ReactNode;
  visuallyHiddenTitle?: string;
}

export interface FooterProps {
  meta?: FooterMeta;
  /** Defaults to "© Crown copyright". */
  copyright?: ReactNode;
  containerClasses?: string;
  classes?: string;
}

const CROWN_COPYRIGHT_URL =
  "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/";

/**
 * govuk-frontend's footer (components/footer/template.njk) for a service not on GOV.UK: without
 * the GOV.UK crown, and without the Open Government Licence statement, since the register's data
 * is OFFICIAL-SENSITIVE and not published under it (the macro's contentLicence: null).
 */
export function Footer({ meta, copyright = "© Crown copyright", containerClasses, classes }: FooterProps) {
  const items = meta?.items ?? [];
  return (
    <div className={cx("govuk-footer", classes)}>
      <div className={cx("govuk-width-container", containerClasses)}>
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            {meta ? (
              <>
                <h2 className="govuk-visually-hidden">{meta.visuallyHiddenTitle || "Support links"}</h2>
                {items.length > 0 ? (
                  <ul className="govuk-footer__inline-list">
                    {items.map((item) => (
                      <li key={item.href} className="govuk-footer__inline-list-item">
                        <a className="govuk-footer__link" href={item.href}>
                          {item.text}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {meta.content ? <div className="govuk-footer__meta-custom">{meta.content}</div> : null}
              </>
            ) : null}
          </div>
          <div className="govuk-footer__meta-item">
            <a className="govuk-footer__link govuk-footer__copyright-logo" href={CROWN_COPYRIGHT_URL}>
              {copyright}
            </a>
          </div>
        </div>
      </div>
    </div>
  );
}
