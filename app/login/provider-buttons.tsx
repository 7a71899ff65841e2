"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/govuk";

export interface ProviderButtonsProps {
  providers: { id: string; name: string }[];
  callbackUrl: string;
  /** next-auth's CSRF token from this browser's cookie, when it has one. */
  csrfToken: string | null;
}

/**
 * One "Use your … account" button per identity provider. Each is a plain form posting to next-auth, so
 * it works without JavaScript once the browser holds next-auth's CSRF cookie; with JavaScript,
 * next-auth's client fetches a token first, so the first press always works.
 */
export function ProviderButtons({ providers, callbackUrl, csrfToken }: ProviderButtonsProps) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div id="sign-in-providers">
      {providers.map((provider, index) => (
        <form
          key={provider.id}
          method="post"
          action={`/api/auth/signin/${encodeURIComponent(provider.id)}`}
          aria-busy={pending === provider.id}
          onSubmit={(event) => {
            event.preventDefault();
            setPending(provider.id);
            void signIn(provider.id, { callbackUrl }).catch(() => setPending(null));
          }}
        >
          <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button id={index === 0 ? "sign-in-with-provider" : undefined}>Use your {provider.name} account</Button>
        </form>
      ))}
    </div>
  );
}
