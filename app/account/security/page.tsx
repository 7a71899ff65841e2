import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { confirmEnrolmentAction, regenerateRecoveryCodesAction, turnOffSecondFactorAction } from "@/app/account/security/actions";
import { ConfirmEnrolmentForm, CurrentCodeForm } from "@/components/account/second-factor-forms";
import { Heading, InsetText, NotificationBanner, SummaryList } from "@/components/govuk";
import type { SignedIn } from "@/lib/auth/actor";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import { groupedKey, totpUri } from "@/lib/auth/totp";
import { pendingEnrolment, secondFactorStatus } from "@/lib/data/second-factor";
import { formatDateTime } from "@/lib/presentation/figures-format";

export const metadata: Metadata = { title: "Sign-in security" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect(`/login?callbackUrl=${encodeURIComponent("/account/security")}`);
  // Open to everyone signed in, and to someone held until they set up an app; not before a code.
  if (signedIn.hold && signedIn.hold !== "enrol-second-factor") redirect(holdPath(signedIn) ?? "/login");
  const params = await searchParams;
  const status = await secondFactorStatus(signedIn);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {status.enabledAt ? <Enrolled signedIn={signedIn} status={status} params={params} /> : <Enrol signedIn={signedIn} turnedOff={params.turnedOff === "1"} />}
      </div>
    </div>
  );
}

async function Enrol({ signedIn, turnedOff }: { signedIn: SignedIn; turnedOff: boolean }) {
  const secret = await pendingEnrolment(signedIn);
  if (!secret) redirect("/account/security");
  const uri = totpUri(secret, signedIn.actor.email);
  // Drawn on the server as an inline SVG: no script and no image request, and the secret stays in the page.
  const qr = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: 200 });
  const held = signedIn.hold === "enrol-second-factor";
  return (
    <>
      {turnedOff ? (
        <NotificationBanner type="success" heading="Your authenticator app has been turned off">
          <p className="govuk-body">You now sign in with your password only. Your recovery codes no longer work.</p>
        </NotificationBanner>
      ) : null}
      <ConfirmEnrolmentForm action={confirmEnrolmentAction} next="/">
        <Heading level={1} size="l">Set up an authenticator app</Heading>
        {held ? (
          <InsetText>
            Your role must use an authenticator app as well as a password to sign in. Set one up to continue using the service.
          </InsetText>
        ) : null}
        <p className="govuk-body">
          An authenticator app on your phone shows a new 6-digit code every 30 seconds. You will enter a code from it after your
          password each time you sign in, so someone who learns your password still cannot sign in as you.
        </p>
        <Heading level={2} size="m">1. Get an authenticator app</Heading>
        <p className="govuk-body">
          Use any authenticator app, such as Microsoft Authenticator or Google Authenticator. Your organisation may tell you which one to use.
        </p>
        <Heading level={2} size="m">2. Add this service to the app</Heading>
        <p className="govuk-body">In the app, add an account and scan this QR code.</p>
        <div className="app-qr-code" role="img" aria-label="QR code to add Estate Camera Register to your authenticator app" dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="govuk-body">If you cannot scan it, choose to enter a key in the app and type this key:</p>
        <p className="govuk-body">
          <code className="app-secret-key" id="secret-key">{groupedKey(secret)}</code>
        </p>
        <p className="govuk-body-s">The spaces are only there to make it easier to read: you can leave them out. Choose a time-based key if the app asks.</p>
        <Heading level={2} size="m">3. Enter a code from the app</Heading>
      </ConfirmEnrolmentForm>
    </>
  );
}

function Enrolled({ signedIn, status, params }: { signedIn: SignedIn; status: Awaited<ReturnType<typeof secondFactorStatus>>; params: Record<string, string | string[] | undefined> }) {
  const used = typeof params.recoveryCodeUsed === "string" && /^\d{1,2}$/.test(params.recoveryCodeUsed) ? Number(params.recoveryCodeUsed) : null;
  return (
    <>
      {used !== null ? (
        <NotificationBanner heading="You signed in with a recovery code">
          <p className="govuk-body">
            That code cannot be used again. You have {used === 1 ? "1 recovery code" : `${used} recovery codes`} left.
            {used <= 3 ? " Get new recovery codes below before you run out." : ""}
          </p>
        </NotificationBanner>
      ) : null}
      <Heading level={1} size="l">Sign-in security</Heading>
      <SummaryList
        rows={[
          { key: "Password", value: "Set", action: { href: "/account/password", text: "Change", visuallyHiddenText: "password" } },
          { key: "Authenticator app", value: `Set up on ${formatDateTime(status.enabledAt!.toISOString())}` },
          { key: "Recovery codes left", value: String(status.recoveryCodesLeft) },
        ]}
      />
      {signedIn.method !== "password" ? (
        <p className="govuk-body">
          You signed in this time through your organisation’s account, which has its own checks. The authenticator app is asked for when you sign in with your password.
        </p>
      ) : null}
      <Heading level={2} size="m">Get new recovery codes</Heading>
      <p className="govuk-body">Your old recovery codes will stop working, and you will be shown 10 new ones.</p>
      <CurrentCodeForm action={regenerateRecoveryCodesAction} id="regenerate-code" submitText="Get new recovery codes" next="/account/security" />
      <Heading level={2} size="m">Turn off the authenticator app</Heading>
      {status.required ? (
        <InsetText>Your role must use an authenticator app to sign in, so it cannot be turned off.</InsetText>
      ) : (
        <>
          <p className="govuk-body">You will sign in with your password only. This makes your account easier to break into.</p>
          <CurrentCodeForm action={turnOffSecondFactorAction} id="turn-off-code" submitText="Turn off" warning next="/account/security" />
        </>
      )}
    </>
  );
}
