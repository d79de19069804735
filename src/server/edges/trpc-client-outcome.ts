// What a settled tRPC client call ended as: "OK", or the error's tRPC code.
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";

export const codeOf = (outcome: PromiseSettledResult<unknown>): string =>
  outcome.status === "fulfilled"
    ? "OK"
    : outcome.reason instanceof TRPCClientError
      ? String((outcome.reason as TRPCClientError<AppRouter>).data?.code)
      : `unexpected: ${String(outcome.reason)}`;
