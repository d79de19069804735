// What the box makes of an admission refusal — a challenge that was missing, forged, used twice or
// could not be checked, or an allowance the shopper has used up — on entering a fair draw's lobby,
// reserving or joining the waitlist. Read from the server's `error.data.reason`, never from its
// message, and put in words a shopper can act on: a challenge problem is fixed by a fresh challenge
// (the box offers to try again); a limit is not, so the box explains it and offers nothing to click.
import type { AdmissionRefusal } from "~/server/admission/types";

/** A challenge problem; UNSOLVED is the browser's own failure to solve one (nothing reached us). */
export type ChallengeProblem =
  | Extract<
      AdmissionRefusal,
      | "CHALLENGE_REQUIRED"
      | "CHALLENGE_INVALID"
      | "CHALLENGE_REPLAYED"
      | "CHALLENGE_UNAVAILABLE"
      | "ACCOUNT_AGE_UNKNOWN"
    >
  | "CHALLENGE_UNSOLVED";

/** Allowances no retry can change within this sale. */
export type AdmissionLimit = Extract<AdmissionRefusal, "BLOCK_LIMIT" | "DEVICE_LIMIT" | "ACCOUNT_TOO_NEW">;

export type AdmissionProblem =
  | { reason: "CHALLENGE"; problem: ChallengeProblem; message: string }
  | { reason: "LIMIT"; limit: AdmissionLimit; message: string };

/** What the words may mention about the sale. */
export interface AdmissionContext {
  /** The sale's minimum account age in days; 0 or absent when it has none. */
  minAccountAgeDays?: number;
}

const CHALLENGE_PROBLEMS: ReadonlySet<string> = new Set<ChallengeProblem>([
  "CHALLENGE_REQUIRED",
  "CHALLENGE_INVALID",
  "CHALLENGE_REPLAYED",
  "CHALLENGE_UNAVAILABLE",
  "ACCOUNT_AGE_UNKNOWN",
]);
const LIMITS: ReadonlySet<string> = new Set<AdmissionLimit>(["BLOCK_LIMIT", "DEVICE_LIMIT", "ACCOUNT_TOO_NEW"]);

const TRY_FRESH = "Try again: a fresh check runs first.";

export function challengeMessage(problem: ChallengeProblem): string {
  switch (problem) {
    case "CHALLENGE_REQUIRED":
      return `Your browser's security check did not reach us. ${TRY_FRESH}`;
    case "CHALLENGE_INVALID":
      return `Your browser's security check had expired or was not for this sale. ${TRY_FRESH}`;
    case "CHALLENGE_REPLAYED":
      return `That security check was already used once, and each one counts only once. ${TRY_FRESH}`;
    case "CHALLENGE_UNAVAILABLE":
      return "We could not run the security check just now. Please try again in a moment.";
    case "ACCOUNT_AGE_UNKNOWN":
      return "We could not check your account just now. Please try again in a moment.";
    case "CHALLENGE_UNSOLVED":
      return "Your browser could not finish the security check. Try again; if it keeps failing, try another browser.";
  }
}

function days(count: number): string {
  return `${count} day${count === 1 ? "" : "s"}`;
}

export function limitMessage(limit: AdmissionLimit, context: AdmissionContext = {}): string {
  switch (limit) {
    case "BLOCK_LIMIT":
      return "Too many shoppers on your internet connection have already taken part in this sale. To keep it fair, each home or office network counts for only a few entries per sale. You are welcome in our other sales.";
    case "DEVICE_LIMIT":
      return "This device has already been used by other accounts in this sale. To keep it fair, each device counts for only a couple of accounts per sale. You are welcome in our other sales.";
    case "ACCOUNT_TOO_NEW": {
      const minimum = context.minAccountAgeDays ?? 0;
      return minimum > 0
        ? `This sale is open to accounts at least ${days(minimum)} old, and yours is newer. The rule keeps out accounts made just for this sale; you are welcome in our other sales.`
        : "This sale is open only to accounts older than a set age, and yours is newer. You are welcome in our other sales.";
    }
  }
}

/** The admission problem a refusal's reason names, or null when it names none. */
export function admissionProblemOf(
  reason: string | undefined,
  context: AdmissionContext = {},
): AdmissionProblem | null {
  if (reason === undefined) return null;
  if (CHALLENGE_PROBLEMS.has(reason)) {
    const problem = reason as ChallengeProblem;
    return { reason: "CHALLENGE", problem, message: challengeMessage(problem) };
  }
  if (LIMITS.has(reason)) {
    const limit = reason as AdmissionLimit;
    return { reason: "LIMIT", limit, message: limitMessage(limit, context) };
  }
  return null;
}
