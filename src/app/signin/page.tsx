// The app's own sign-in page (Auth.js sends people here for sign-in and for its errors): every
// method this deployment offers, and the development sign-in where its policy allows it.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env";
import { getServerSession } from "~/server/auth";
import { requestOrigin, safeCallbackPath } from "~/server/auth/callback-url";
import { signInMethods } from "~/server/auth/providers";
import { signInWithProvider } from "./actions";
import { DevLoginForm } from "./dev-login-form";
import { signInErrorMessage } from "./messages";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Record<string, string | string[] | undefined>;
const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl, { origin: requestOrigin(await headers()) });
  if (await getServerSession()) redirect(callbackPath);

  const methods = signInMethods(env);
  const oauth = methods.filter((method) => method.kind === "oauth");
  const email = methods.find((method) => method.kind === "email");
  const devLogin = methods.some((method) => method.kind === "dev-login");
  const error = signInErrorMessage(firstValue(params.error), firstValue(params.code));

  return (
    <section className="signin" aria-labelledby="signin-title">
      <div className="signin-card">
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Drops are one per person, so we need to know who you are.</p>
        {error && (
          <p className="signin-error" role="alert">
            {error}
          </p>
        )}

        {oauth.length > 0 && (
          <div className="signin-providers">
            {oauth.map((method) => (
              <form key={method.id} action={signInWithProvider}>
                <input type="hidden" name="provider" value={method.id} />
                <input type="hidden" name="callbackUrl" value={callbackPath} />
                <button type="submit" className="signin-button">
                  Continue with {method.name}
                </button>
              </form>
            ))}
          </div>
        )}

        {email && (
          <form action={signInWithProvider} className="signin-form">
            <input type="hidden" name="provider" value={email.id} />
            <input type="hidden" name="callbackUrl" value={callbackPath} />
            <label htmlFor="signin-email">Email</label>
            <input
              id="signin-email"
              name="email"
              type="email"
              autoComplete="email"
              placeholder="you@example.com"
              required
            />
            <button type="submit" className="signin-button signin-button-primary">
              Email me a sign-in link
            </button>
          </form>
        )}

        {devLogin && (
          <div className="signin-dev" aria-labelledby="signin-dev-title">
            <h2 id="signin-dev-title">Development sign-in</h2>
            <p className="muted">
              No password: any address signs in, and addresses on ADMIN_EMAILS get the admin role. Never offered in
              production.
            </p>
            <DevLoginForm callbackUrl={callbackPath} />
          </div>
        )}

        {methods.length === 0 && <p className="empty-state">No sign-in method is configured on this deployment yet.</p>}
      </div>
    </section>
  );
}
