// Routes Auth.js's own log lines into the app's structured log. A rejected development sign-in
// (bad address, policy off) is an expected answer shown on the sign-in page, not a server error.
import { AuthError, CredentialsSignin } from "@auth/core/errors";
import type { NextAuthConfig } from "next-auth";

export interface AuthLogSink {
  error(event: string, fields: Record<string, unknown>): void;
  warn(event: string, fields: Record<string, unknown>): void;
}

function causeMessage(error: Error): string | undefined {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause.message;
  if (cause && typeof cause === "object" && "err" in cause && cause.err instanceof Error) return cause.err.message;
  return undefined;
}

export function createAuthLogger(sink: AuthLogSink): NonNullable<NextAuthConfig["logger"]> {
  return {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      sink.error("auth.error", {
        type: error instanceof AuthError ? error.type : error.name,
        message: error.message,
        cause: causeMessage(error),
      });
    },
    warn(code) {
      sink.warn("auth.warning", { code });
    },
    debug() {
      // Auth.js debug output includes tokens and profiles; it is never wanted in our logs.
    },
  };
}
