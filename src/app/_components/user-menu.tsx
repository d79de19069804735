// The header's account area: who is signed in (email and role) with their links and a sign-out
// button, or a "Sign in" link for visitors. On a phone the header stays one line: "My orders" and
// an "Account" menu that holds the rest.
import Link from "next/link";
import { signOutToHome } from "~/app/signin/actions";
import { SignInLink } from "~/app/signin/sign-in-link";
import { getServerSession } from "~/server/auth";
import { isAdmin } from "~/server/auth/roles";

export async function UserMenu() {
  const session = await getServerSession();
  if (!session) {
    return (
      <nav className="user-menu" aria-label="Account">
        <SignInLink />
      </nav>
    );
  }

  const { user } = session;
  const admin = isAdmin(session);
  const identity = (
    <span className="user-menu-identity">
      <span className="user-menu-email" title={user.email}>
        {user.email}
      </span>
      <span className={`role-badge role-badge-${admin ? "admin" : "shopper"}`}>{admin ? "Admin" : "Shopper"}</span>
    </span>
  );
  const signOut = (
    <form action={signOutToHome}>
      <button type="submit" className="user-menu-signout">
        Sign out
      </button>
    </form>
  );
  return (
    <nav className="user-menu" aria-label="Account">
      <Link href="/orders">My orders</Link>
      {admin && (
        <span className="user-menu-wide">
          <Link href="/admin">Admin</Link>
        </span>
      )}
      <span className="user-menu-wide">{identity}</span>
      <span className="user-menu-wide">{signOut}</span>
      <details className="user-menu-compact">
        <summary>Account</summary>
        <div className="user-menu-panel">
          {identity}
          {admin && <Link href="/admin">Admin</Link>}
          {signOut}
        </div>
      </details>
    </nav>
  );
}
