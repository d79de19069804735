-- Postgres guards capacity: every sale keeps a durable count of the units its orders hold, taken
-- in the same transaction that writes the order, so the database can never hold more orders than
-- the sale has units, whatever Redis says. An order that does not fit is recorded, not dropped.

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'REFUSED_OVERSOLD';

-- AlterTable
ALTER TABLE "Sale" ADD COLUMN "soldCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill: the units existing orders already hold.
UPDATE "Sale" s SET "soldCount" = (
  SELECT count(*) FROM "Order" o WHERE o."saleId" = s."id" AND o."status" IN ('PENDING', 'CONFIRMED')
);

-- The count never goes below zero; a sale's stock is never lowered below what it has sold.
-- (Prisma's schema language cannot state CHECK constraints; this one lives in SQL only.)
ALTER TABLE "Sale" ADD CONSTRAINT "Sale_soldCount_within_stock" CHECK ("soldCount" >= 0 AND "soldCount" <= "totalStock");
