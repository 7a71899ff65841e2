import type { Metadata } from "next";
import localFont from "next/font/local";
import type { ReactNode } from "react";
import "./globals.css";
import { SiteChrome } from "@/components/layout/site-chrome";

// Self-hosted: next/font/google cannot fetch offline.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

// Every page depends on who is signed in, and the data is never cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Estate Camera Register", template: "%s – Estate Camera Register" },
  description: "Record, check and report visual surveillance equipment on the government estate.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB" className={inter.variable}>
      <body className="govuk-template__body">
        <SiteChrome>{children}</SiteChrome>
      </body>
    </html>
  );
}
