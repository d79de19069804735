"use client";
// "Sign in" in the header, remembering the page it was clicked on so the shopper lands back there.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SignInLink() {
  const pathname = usePathname();
  const returnHere = pathname && pathname !== "/" && !pathname.startsWith("/signin");
  const href = returnHere ? `/signin?${new URLSearchParams({ callbackUrl: pathname })}` : "/signin";
  return (
    <Link href={href} className="user-menu-signin">
      Sign in
    </Link>
  );
}
