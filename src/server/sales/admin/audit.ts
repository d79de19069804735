// The audit trail of admin changes: one AuditLog row per change, written in the same transaction
// as the change itself, holding only the fields that changed (dates as ISO strings).
import type { Prisma } from "~/server/db";

export type AuditValue = string | number | boolean | null;
export type AuditFields = Record<string, AuditValue>;

type TransactionClient = Prisma.TransactionClient;

function auditValue(value: unknown): AuditValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as AuditValue;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** The fields of `next` that differ from `current`, before and after. */
export function diffFields<T extends object>(
  current: T,
  next: Partial<T>,
): { before: AuditFields; after: AuditFields } {
  const before: AuditFields = {};
  const after: AuditFields = {};
  for (const key of Object.keys(next) as Array<keyof T & string>) {
    if (next[key] === undefined || sameValue(current[key], next[key])) continue;
    before[key] = auditValue(current[key]);
    after[key] = auditValue(next[key]);
  }
  return { before, after };
}

export function snapshotFields(record: object): AuditFields {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, auditValue(value)]));
}

export interface AuditEntry {
  actorId: string;
  action: string;
  entityId: string;
  before: AuditFields | null;
  after: AuditFields | null;
}

export function writeAudit(tx: TransactionClient, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: "Sale",
      entityId: entry.entityId,
      ...(entry.before ? { before: entry.before } : {}),
      ...(entry.after ? { after: entry.after } : {}),
    },
    select: { id: true },
  });
}
