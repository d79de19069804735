// What each bench request ended as, read from the tRPC wire format (or the bare script's reply).
// Expected outcomes are named; anything else is counted as an error kind so it shows in the report.

/** Answers the buy path gives by design; every other kind is an error. */
export const EXPECTED_OUTCOMES = ["RESERVED", "ALREADY_RESERVED", "SOLD_OUT", "TOO_MANY_REQUESTS", "OK"] as const;

export type OutcomeCounts = Record<string, number>;

interface TrpcReply {
  result?: { data?: { json?: { status?: unknown; ok?: unknown } } };
  error?: { json?: { message?: unknown; data?: { code?: unknown } } };
}

/**
 * `POST /api/trpc/<path>` answers `{"result":{"data":{"json":…}}}` or `{"error":{"json":{message,
 * data:{code}}}}` (superjson). RESERVED/ALREADY_RESERVED come from the result's status, SOLD_OUT
 * from a CONFLICT (the buy path's only conflict), OK from the no-op procedure.
 */
export function classifyTrpcReply(httpStatus: number, body: string): string {
  let reply: TrpcReply;
  try {
    reply = JSON.parse(body) as TrpcReply;
  } catch {
    return `HTTP_${httpStatus}`;
  }
  const data = reply.result?.data?.json;
  if (data) {
    if (data.status === "RESERVED" || data.status === "ALREADY_RESERVED") return data.status;
    if (data.ok === true) return "OK";
    return `UNEXPECTED_RESULT_${httpStatus}`;
  }
  const code = reply.error?.json?.data?.code;
  if (typeof code !== "string") return `HTTP_${httpStatus}`;
  if (code === "CONFLICT") {
    const message = reply.error?.json?.message;
    return typeof message === "string" && /sold out/i.test(message) ? "SOLD_OUT" : "CONFLICT";
  }
  return code === "TOO_MANY_REQUESTS" ? code : `ERROR_${code}`;
}

/** The reserve script answers `[status, …]`; the status is the outcome. */
export function classifyScriptReply(reply: unknown): string {
  return Array.isArray(reply) && typeof reply[0] === "string" ? reply[0] : "UNEXPECTED_SCRIPT_REPLY";
}

export function errorCount(outcomes: OutcomeCounts): number {
  return Object.entries(outcomes)
    .filter(([kind]) => !(EXPECTED_OUTCOMES as readonly string[]).includes(kind))
    .reduce((sum, [, count]) => sum + count, 0);
}

export function countOf(outcomes: OutcomeCounts, kind: string): number {
  return outcomes[kind] ?? 0;
}
