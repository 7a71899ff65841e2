import { redirect } from "next/navigation";
import { ButtonLink, Heading, NotificationBanner } from "@/components/govuk";
import { CHOOSE_PASSWORD_PATH, currentActor, currentSignIn } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

export default async function StartPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  // Where the sign-in form lands: someone with a temporary password goes to choose their own.
  if (!actor && (await currentSignIn())?.mustChangePassword) redirect(CHOOSE_PASSWORD_PATH);
  const { passwordChosen } = await searchParams;
  const next = !actor
    ? { href: "/login", text: "Sign in" }
    : can(actor.role, "dashboard:read")
      ? { href: "/dashboard", text: "Go to the dashboard" }
      : can(actor.role, "register:read")
        ? { href: "/organisations", text: "Go to your register" }
        : { href: "/admin", text: "Go to administration" };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {actor && passwordChosen === "1" ? (
          <NotificationBanner type="success" heading="Your new password has been saved">
            <p className="govuk-body">Use it the next time you sign in.</p>
          </NotificationBanner>
        ) : null}
        <Heading level={1} size="xl">Estate Camera Register</Heading>
        <p className="govuk-body-l">
          Record the buildings your department uses and the camera systems installed in them, and see at once
          whether they meet the government&apos;s instruction on visual surveillance equipment.
        </p>
        <p className="govuk-body">Use this service to:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>record buildings, their sensitivity and the cameras, recorders and encoders in them</li>
          <li>import your existing spreadsheets in one go</li>
          <li>see which equipment breaches the directive, and what to do about it</li>
          <li>follow removal progress across government and download reports</li>
        </ul>
        <p className="govuk-body">
          On 24 November 2022 the government instructed departments to stop deploying visual surveillance equipment
          made by companies subject to the National Intelligence Law of the People&apos;s Republic of China onto
          sensitive sites, to disconnect such equipment from departmental core networks, and to consider removing it
          (Written Ministerial Statement HCWS386).
        </p>
        <ButtonLink href={next.href} isStartButton>{next.text}</ButtonLink>
        <h2 className="govuk-heading-m">Before you start</h2>
        <p className="govuk-body">
          You need an account from your department&apos;s register administrator. The register&apos;s data is
          OFFICIAL-SENSITIVE: the list of sensitive sites is withheld on security grounds.
        </p>
        <p className="govuk-body">
          <a href="/accessibility" className="govuk-link">Accessibility statement</a>
        </p>
      </div>
    </div>
  );
}
