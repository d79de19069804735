"use client";
// The development sign-in: an email address and "Continue". Errors come back from the server
// action (the same zod rule the provider applies) and are announced to screen readers.
import { useActionState } from "react";
import { signInWithDevLogin, type DevLoginFormState } from "./actions";

const initialState: DevLoginFormState = { error: null, email: "" };

export function DevLoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signInWithDevLogin, initialState);
  return (
    <form action={formAction} className="signin-form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="dev-login-email">Email</label>
      <input
        id="dev-login-email"
        name="email"
        type="email"
        autoComplete="email"
        placeholder="shopper@example.com"
        required
        defaultValue={state.email}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "dev-login-error" : undefined}
      />
      {state.error && (
        <p id="dev-login-error" className="signin-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="signin-button signin-button-primary" disabled={pending}>
        {pending ? "Signing in…" : "Continue"}
      </button>
    </form>
  );
}
