import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.scss";
import "./tailwind.css";
import { SiteChrome } from "@/components/layout/site-chrome";

// Every page depends on who is signed in, and the data is never cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Estate Camera Register", template: "%s – Estate Camera Register" },
  description: "Record, check and report visual surveillance equipment on the government estate.",
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
};

// The design system's page template marks the body before anything renders, so components styled
// for JavaScript (the service navigation's menu button) never flash their no-JavaScript look.
const MARK_JS_ENABLED =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

/** proxy.ts sets a fresh nonce per request; the Content-Security-Policy runs only scripts bearing it. */
async function MarkJavaScriptEnabled() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: MARK_JS_ENABLED }} />;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB" className="govuk-template">
      {/* The script changes the body's classes before React hydrates. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <MarkJavaScriptEnabled />
        <SiteChrome>{children}</SiteChrome>
      </body>
    </html>
  );
}
