// What the admin domain answers: a value, or a refusal an admin can act on. The codes mirror the
// HTTP-ish vocabulary the API speaks; `field` names the editor field the refusal belongs beside.
import type { Redis } from "@upstash/redis";
import type { SaleField } from "~/lib/sale-form/schema";
import type { DatabaseClient } from "~/server/db";

export type RefusalCode = "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "BAD_REQUEST";

export interface AdminRefusal {
  ok: false;
  code: RefusalCode;
  message: string;
  field?: SaleField;
  /** A gentler action that does what the admin probably wants (delete refused → archive). */
  offer?: "archive";
}

export type AdminResult<T> = { ok: true; value: T } | AdminRefusal;

export function refuse(
  code: RefusalCode,
  message: string,
  extra: Pick<AdminRefusal, "field" | "offer"> = {},
): AdminRefusal {
  return { ok: false, code, message, ...extra };
}

export const NOT_FOUND = refuse("NOT_FOUND", "We could not find that sale.");

export interface AdminDeps {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  /** The signed-in admin, recorded on every audit entry. */
  actorId: string;
  now?: () => Date;
  log?: (level: "warn" | "error", event: string, fields: Record<string, unknown>) => void;
}

export type ReadDeps = Pick<AdminDeps, "db" | "redis" | "namespace" | "now">;

export const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();
