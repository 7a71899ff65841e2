import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Heading } from "@/components/govuk";
import { findSignInProvider } from "@/lib/auth/oidc-providers";
import { REFUSAL_REASONS, type RefusalReason } from "@/lib/data/identities";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const params = await searchParams;
  return { title: explanation(isReason(params.reason) ? params.reason : null, "").heading };
}

// Where single sign-on sends someone it refused (lib/auth/options.ts). The address carries only the
// reason and the provider's id, chosen from fixed lists: nothing typed elsewhere reaches the page.

function isReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}

function explanation(reason: RefusalReason | null, provider: string): { heading: string; body: ReactNode } {
  switch (reason) {
    case "unknown-email":
      return {
        heading: "You do not have an account on this service yet",
        body: (
          <>
            <p className="govuk-body">You signed in with {provider}, but there is no account on this service with the email address your {provider} account uses.</p>
            <p className="govuk-body">Accounts are set up by an administrator. Ask your administrator to create your account with that email address, then sign in again.</p>
          </>
        ),
      };
    case "unverified-email":
      return {
        heading: "Your email address has not been confirmed",
        body: (
          <>
            <p className="govuk-body">{provider} did not confirm that the email address on your account has been verified, so this service cannot use it to find your account.</p>
            <p className="govuk-body">Ask the people who manage your {provider} account to verify your email address, then sign in again.</p>
          </>
        ),
      };
    case "missing-details":
      return {
        heading: "Your sign-in did not include your email address",
        body: (
          <p className="govuk-body">{provider} did not share the email address on your account, which this service needs to find your account. Ask your administrator for help.</p>
        ),
      };
    case "inactive":
      return {
        heading: "Your account has been deactivated",
        body: <p className="govuk-body">Your account on this service has been deactivated, so you cannot sign in. If you think this is wrong, contact your administrator.</p>,
      };
    case "service-account":
      return {
        heading: "This account cannot be used to sign in",
        body: <p className="govuk-body">The email address belongs to an account for another system to use this service. People cannot sign in with it. Ask your administrator to create an account for you.</p>,
      };
    case "linked-elsewhere":
      return {
        heading: "Your account is linked to a different sign-in",
        body: (
          <p className="govuk-body">Your account on this service is already linked to a different {provider} account. Sign in with that account, or ask your administrator for help.</p>
        ),
      };
    default:
      return {
        heading: "You cannot sign in with this account",
        body: <p className="govuk-body">This service could not match your sign-in to an account. Ask your administrator for help.</p>,
      };
  }
}

export default async function RefusedPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = isReason(params.reason) ? params.reason : null;
  const provider = findSignInProvider(params.provider)?.name ?? "your organisation’s account";
  const { heading, body } = explanation(reason, provider);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading level={1} size="l">{heading}</Heading>
        {body}
        <p className="govuk-body">You have not been signed in.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/login">Go back to the sign-in page</a>
        </p>
      </div>
    </div>
  );
}
