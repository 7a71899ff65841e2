import type { Metadata } from "next";
import { Heading } from "@/components/govuk";
import { SignInForm } from "@/app/login/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.signedOut ? <p className="govuk-body" role="status">You have been signed out.</p> : null}
        <Heading level={1} size="l">Sign in</Heading>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
