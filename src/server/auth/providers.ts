// Which ways to sign in this deployment offers, decided from the environment alone: OAuth apps
// whose id and secret are both set, email links when SMTP is configured, and the development
// sign-in where its policy allows. The sign-in page lists exactly what Auth.js is given.
import Credentials from "@auth/core/providers/credentials";
import GitHub from "@auth/core/providers/github";
import Google from "@auth/core/providers/google";
import type { Provider } from "@auth/core/providers";
import { authorizeDevLogin, DEV_LOGIN_PROVIDER_ID } from "./dev-login";
import { isDevLoginAllowed, type DevLoginEnv } from "./dev-login-policy";
import { MAGIC_LINK_PROVIDER_ID, magicLinkProvider } from "./magic-link";
import type { UserStore } from "./roles";

export interface ProviderEnv extends DevLoginEnv {
  AUTH_GITHUB_ID?: string;
  AUTH_GITHUB_SECRET?: string;
  AUTH_GOOGLE_ID?: string;
  AUTH_GOOGLE_SECRET?: string;
  EMAIL_SERVER?: string;
  EMAIL_FROM?: string;
}

export type SignInMethod =
  | { kind: "oauth"; id: "github" | "google"; name: string }
  | { kind: "email"; id: typeof MAGIC_LINK_PROVIDER_ID; name: string }
  | { kind: "dev-login"; id: typeof DEV_LOGIN_PROVIDER_ID; name: string };

/** The sign-in methods on offer, in the order the sign-in page shows them. */
export function signInMethods(env: ProviderEnv): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) methods.push({ kind: "oauth", id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) methods.push({ kind: "oauth", id: "google", name: "Google" });
  if (env.EMAIL_SERVER && env.EMAIL_FROM) methods.push({ kind: "email", id: MAGIC_LINK_PROVIDER_ID, name: "Email" });
  if (isDevLoginAllowed(env))
    methods.push({ kind: "dev-login", id: DEV_LOGIN_PROVIDER_ID, name: "Development sign-in" });
  return methods;
}

export function buildProviders(env: ProviderEnv, db: UserStore): Provider[] {
  return signInMethods(env).map((method): Provider => {
    switch (method.id) {
      case "github":
        return GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET });
      case "google":
        return Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET });
      case MAGIC_LINK_PROVIDER_ID:
        return magicLinkProvider({ server: env.EMAIL_SERVER ?? "", from: env.EMAIL_FROM ?? "" });
      case DEV_LOGIN_PROVIDER_ID:
        return Credentials({
          id: DEV_LOGIN_PROVIDER_ID,
          name: method.name,
          credentials: { email: { label: "Email", type: "email" } },
          // The policy is asked again on every attempt, not just when the list was built.
          authorize: (credentials) => authorizeDevLogin(db, credentials, { allowed: isDevLoginAllowed(env) }),
        });
    }
  });
}
