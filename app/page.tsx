import { redirect } from "next/navigation";
import { ButtonLink, Heading, Panel } from "@/components/govuk";
import { landingPath } from "@/lib/auth/landing";
import { currentActor, currentSignIn, holdPath } from "@/lib/auth/session";

export default async function StartPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  // Where the sign-in form lands: someone held by their sign-in (a code, a password to choose, an
  // authenticator app to set up) goes to that page.
  const held = actor ? null : holdPath(await currentSignIn());
  if (held) redirect(held);
  const { passwordChosen } = await searchParams;
  if (actor && passwordChosen === "1") return <PasswordSaved next={landingPath(actor.role)} />;
  // Signed in, the start page has nothing more to say: each role goes where its work is.
  if (actor) redirect(landingPath(actor.role));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
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
        <ButtonLink href="/login" isStartButton>Sign in</ButtonLink>
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

/** After someone chooses a new password: say it is saved, then on to their work. */
function PasswordSaved({ next }: { next: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Your new password has been saved">Use it the next time you sign in.</Panel>
        <ButtonLink href={next}>Continue</ButtonLink>
      </div>
    </div>
  );
}
