"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="govuk-header__button" onClick={() => void signOut({ callbackUrl: "/login?signedOut=1" })}>
      Sign out
    </button>
  );
}
