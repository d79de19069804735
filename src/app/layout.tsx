import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { SiteFooter } from "~/app/_components/site-footer";
import { UserMenu } from "~/app/_components/user-menu";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stampede — flash sales", template: "%s · Stampede" },
  description: "Limited drops, fair for everyone: one per person, never oversold.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f172a" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Stampede
          </Link>
          <UserMenu />
        </header>
        <TRPCReactProvider>
          <main id="main" className="page">
            {children}
          </main>
        </TRPCReactProvider>
        <SiteFooter />
      </body>
    </html>
  );
}
