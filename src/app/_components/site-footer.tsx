// The footer on every page: how to reach the store and the policies a shopper agrees to by buying.
import Link from "next/link";

const links = [
  { href: "/contact", label: "Contact" },
  { href: "/policies/terms", label: "Terms of sale" },
  { href: "/policies/returns", label: "Returns & refunds" },
  { href: "/policies/privacy", label: "Privacy" },
] as const;

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <nav aria-label="Footer">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>Stampede · limited drops, one per person, never oversold.</p>
    </footer>
  );
}
