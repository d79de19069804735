// The sale columns the admin works with, and how they map onto the editor's fields.
import type { SaleField } from "~/lib/sale-form/schema";
import { Prisma, type DatabaseClient } from "~/server/db";
import { publicSaleSelect } from "~/server/sales/list-sales";

export const adminSaleSelect = {
  ...publicSaleSelect,
  holdSeconds: true,
  offerSeconds: true,
  waitlistEnabled: true,
  lobbyMinutes: true,
  challengeCost: true,
  // The commitment is public from the lobby's opening; the seed itself stays out of every admin
  // read but the fairness report's, which shows it only once the sale has ended.
  drawCommitment: true,
  drawnAt: true,
  drawEntrants: true,
  /** Set when an admin ends the sale early; the admin screens show it as the sale's end. */
  endedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.SaleSelect;

export type AdminSaleRecord = Prisma.SaleGetPayload<{ select: typeof adminSaleSelect }>;

/** Columns the editor writes, each with the form field its errors belong to. */
export const EDITABLE_COLUMNS = {
  title: "title",
  slug: "slug",
  description: "description",
  imageUrl: "imageUrl",
  priceMinor: "price",
  currency: "currency",
  totalStock: "totalStock",
  startsAt: "startsAt",
  endsAt: "endsAt",
  holdSeconds: "holdMinutes",
  offerSeconds: "offerMinutes",
  waitlistEnabled: "waitlistEnabled",
  openingMode: "openingMode",
  lobbyMinutes: "lobbyMinutes",
  challengeCost: "challengeCost",
  minAccountAgeDays: "minAccountAgeDays",
} as const satisfies Record<string, SaleField>;

export type EditableColumn = keyof typeof EDITABLE_COLUMNS;

export function findSale(db: DatabaseClient, id: string): Promise<AdminSaleRecord | null> {
  return db.sale.findUnique({ where: { id }, select: adminSaleSelect });
}

export const SLUG_TAKEN_MESSAGE = "Another sale already uses this slug. Pick a different one.";

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** An update whose `where` no longer matches: the row changed (or went) since it was read. */
export function isStaleWrite(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

export function isStillReferenced(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

/** Postgres keeps milliseconds; the editor works in whole minutes. Same minute = unchanged. */
export function sameMinute(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000);
}
