import type { Metadata } from "next";
import { Heading } from "@/components/govuk";

export const metadata: Metadata = { title: "Accessibility statement" };

export default function AccessibilityPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading level={1} size="l">Accessibility statement for Estate Camera Register</Heading>
        <p className="govuk-body">
          This statement applies to the Estate Camera Register, a service for government estates teams, the Cabinet
          Office and ministers&apos; offices. We want as many people as possible to be able to use it. You should be able to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>change colours, contrast levels and fonts using browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>navigate the whole service using just a keyboard or speech recognition software</li>
          <li>listen to the service using a screen reader</li>
        </ul>
        <h2 className="govuk-heading-m">How accessible this service is</h2>
        <p className="govuk-body">
          The service is designed to meet the Web Content Accessibility Guidelines version 2.2 AA standard. Every page
          is checked automatically with axe during development. Statuses are always given in words, never by colour alone,
          and every chart has a table with the same figures.
        </p>
        <h2 className="govuk-heading-m">Reporting accessibility problems</h2>
        <p className="govuk-body">
          If you find a problem that is not listed here, contact your department&apos;s register administrator, who
          will pass it to the service team. We aim to reply within 5 working days.
        </p>
        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites
          and Mobile Applications) (No. 2) Accessibility Regulations 2018.
        </p>
        <h2 className="govuk-heading-m">Preparation of this statement</h2>
        <p className="govuk-body">This statement was prepared on 28 November 2026.</p>
      </div>
    </div>
  );
}
