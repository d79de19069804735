// What a shopper was told, as one kind per answer: read from the HTTP status and the tRPC body
// (superjson-wrapped, as the app's client receives it).

export type AnswerKind =
  | "RESERVED"
  | "ALREADY_RESERVED"
  | "SOLD_OUT"
  | "RESUMING"
  | "BUSY"
  /** 503 without a reason: the rate limiter could not answer. */
  | "UNAVAILABLE"
  | "RATE_LIMITED"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "PRECONDITION_FAILED"
  | "INTERNAL"
  /** No HTTP answer at all: refused or cut connection, timeout. */
  | "NETWORK"
  | "OTHER";

export interface Answer {
  /** When the request was sent, and how long until the answer (or the failure). */
  at: number;
  ms?: number;
  kind: AnswerKind;
  status: number;
  userId?: string;
  reservationId?: string;
  retryAfterSeconds?: number;
  message?: string;
}

const TRANSIENT: ReadonlySet<AnswerKind> = new Set([
  "RESUMING",
  "BUSY",
  "UNAVAILABLE",
  "RATE_LIMITED",
  "INTERNAL",
  "NETWORK",
]);

/** Answers a shopper meets by trying again later; everything else ends its attempt. */
export function isTransient(kind: AnswerKind): boolean {
  return TRANSIENT.has(kind);
}

interface TrpcBody {
  result?: { data?: { json?: { status?: string; reservationId?: string } } };
  error?: { json?: { message?: string; data?: { code?: string; reason?: string; retryAfterSeconds?: number } } };
}

export function classifyAnswer(input: { at: number; status: number; retryAfter: string | null; text: string }): Answer {
  const { at, status } = input;
  let body: TrpcBody;
  try {
    body = JSON.parse(input.text) as TrpcBody;
  } catch {
    const kind = status >= 500 ? "INTERNAL" : "OTHER";
    return { at, kind, status, message: input.text.slice(0, 200) };
  }
  const success = body.result?.data?.json;
  if (status === 200 && success) {
    const kind = success.status === "ALREADY_RESERVED" ? "ALREADY_RESERVED" : "RESERVED";
    return { at, kind, status, reservationId: success.reservationId };
  }
  const error = body.error?.json;
  const headerWait = input.retryAfter === null ? undefined : Number(input.retryAfter);
  const retryAfterSeconds = error?.data?.retryAfterSeconds ?? (Number.isFinite(headerWait) ? headerWait : undefined);
  const base = { at, status, retryAfterSeconds, message: error?.message };
  const reason = error?.data?.reason;
  switch (error?.data?.code) {
    case "CONFLICT":
      return { ...base, kind: reason === "SOLD_OUT" ? "SOLD_OUT" : "OTHER" };
    case "SERVICE_UNAVAILABLE":
      return { ...base, kind: reason === "RESUMING" ? "RESUMING" : reason === "BUSY" ? "BUSY" : "UNAVAILABLE" };
    case "TOO_MANY_REQUESTS":
      return { ...base, kind: "RATE_LIMITED" };
    case "NOT_FOUND":
      return { ...base, kind: "NOT_FOUND" };
    case "UNAUTHORIZED":
      return { ...base, kind: "UNAUTHORIZED" };
    case "PRECONDITION_FAILED":
      return { ...base, kind: "PRECONDITION_FAILED" };
    case "INTERNAL_SERVER_ERROR":
      return { ...base, kind: "INTERNAL" };
    default:
      return { ...base, kind: status >= 500 ? "INTERNAL" : "OTHER" };
  }
}
