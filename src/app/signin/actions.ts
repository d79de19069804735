"use server";
// Sign-in and sign-out as server actions (Auth.js v5's recommended way for App Router forms).
// Every input is checked here again: the provider must be one this deployment offers and the
// callback must stay on this site, whatever the form claimed.
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env";
import { signIn, signOut } from "~/server/auth";
import { requestOrigin, safeCallbackPath } from "~/server/auth/callback-url";
import { DEV_LOGIN_PROVIDER_ID, devLoginInputSchema } from "~/server/auth/dev-login";
import { emailAddressSchema } from "~/server/auth/email-address";
import { signInMethods } from "~/server/auth/providers";
import { signInErrorMessage } from "./messages";

async function callbackPathFrom(formData: FormData): Promise<string> {
  return safeCallbackPath(formData.get("callbackUrl"), { origin: requestOrigin(await headers()) });
}

function signInPageWith(error: string, callbackPath: string): string {
  return `/signin?${new URLSearchParams({ error, callbackUrl: callbackPath })}`;
}

/** OAuth buttons and the email-link form. Redirects to the provider, the check-email page or back with an error. */
export async function signInWithProvider(formData: FormData): Promise<void> {
  const callbackPath = await callbackPathFrom(formData);
  const method = signInMethods(env).find((candidate) => candidate.id === formData.get("provider"));
  if (!method || method.kind === "dev-login") redirect(signInPageWith("Unavailable", callbackPath));

  let email: string | undefined;
  if (method.kind === "email") {
    const parsed = emailAddressSchema.safeParse(formData.get("email"));
    if (!parsed.success) redirect(signInPageWith("InvalidEmail", callbackPath));
    email = parsed.data;
  }

  let failure: string;
  try {
    // Succeeds by throwing Next's redirect, which the catch below passes on.
    await signIn(method.id, { redirectTo: callbackPath, ...(email ? { email } : {}) });
    failure = "Configuration";
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    failure = error.type;
  }
  redirect(signInPageWith(failure, callbackPath));
}

export interface DevLoginFormState {
  error: string | null;
  email: string;
}

/** The development sign-in form (with useActionState): a message for the form, or a redirect on success. */
export async function signInWithDevLogin(_previous: DevLoginFormState, formData: FormData): Promise<DevLoginFormState> {
  const typed = formData.get("email");
  const email = typeof typed === "string" ? typed : "";
  if (!signInMethods(env).some((method) => method.kind === "dev-login")) {
    return { error: signInErrorMessage("CredentialsSignin", "dev_login_disabled"), email };
  }
  const parsed = devLoginInputSchema.safeParse({ email });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email };

  const callbackPath = await callbackPathFrom(formData);
  try {
    await signIn(DEV_LOGIN_PROVIDER_ID, { email: parsed.data.email, redirectTo: callbackPath });
  } catch (error) {
    if (error instanceof CredentialsSignin)
      return { error: signInErrorMessage("CredentialsSignin", error.code), email };
    if (error instanceof AuthError) return { error: signInErrorMessage(error.type), email };
    throw error;
  }
  return { error: null, email };
}

export async function signOutToHome(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
