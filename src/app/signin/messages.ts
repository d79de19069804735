// What the sign-in page says when Auth.js sends someone back with `?error=` (and `?code=` for the
// development sign-in). Unknown values get the generic line: the query string is user-controlled,
// hence Maps rather than object lookups (`?error=toString` must not find Object.prototype).
const MESSAGES = new Map<string, string>(
  Object.entries({
    AccessDenied: "This account cannot sign in here. Stampede needs an account with an email address.",
    OAuthAccountNotLinked: "That email address already signs in another way. Use the method you used before.",
    OAuthCallbackError: "The sign-in provider did not finish signing you in. Please try again.",
    OAuthSignInError: "We could not reach the sign-in provider. Please try again.",
    Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
    MissingCSRF: "The sign-in form had expired. Please try again.",
    EmailSignInError: "We could not send the sign-in email. Please try again later.",
    InvalidEmail: "Enter a valid email address, like shopper@example.com.",
    Unavailable: "That way of signing in is not available here.",
  }),
);

const CREDENTIALS_MESSAGES = new Map<string, string>(
  Object.entries({
    invalid_email: "Enter a valid email address, like shopper@example.com.",
    dev_login_disabled: "The development sign-in is switched off on this deployment.",
  }),
);

const GENERIC = "Sign-in is not available right now. Please try again in a moment.";

export function signInErrorMessage(error: string | undefined, code?: string): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin")
    return (code && CREDENTIALS_MESSAGES.get(code)) ?? "That sign-in did not work. Please try again.";
  return MESSAGES.get(error) ?? GENERIC;
}
