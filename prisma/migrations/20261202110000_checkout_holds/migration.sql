-- Checkout: a won unit is a hold that must be paid in time. Orders gain the hold states and their
-- deadline; sales gain the hold and offer windows and the waitlist switch; payments, the provider
-- checkout sessions opened for holds, and the provider events already handled get their own tables.
-- (New enum values are only added here, never used in the same transaction.)

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'HELD';
ALTER TYPE "OrderStatus" ADD VALUE 'PAID';
ALTER TYPE "OrderStatus" ADD VALUE 'EXPIRED';
ALTER TYPE "OrderStatus" ADD VALUE 'REFUNDED';

-- CreateEnum
CREATE TYPE "HoldKind" AS ENUM ('RESERVATION', 'OFFER');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('SUCCEEDED', 'REFUNDED');

-- AlterTable
ALTER TABLE "Sale" ADD COLUMN "holdSeconds" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN "offerSeconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN "waitlistEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN "holdKind" "HoldKind" NOT NULL DEFAULT 'RESERVATION';

-- CreateTable
CREATE TABLE "CheckoutSession" (
    "id" TEXT NOT NULL,
    "reservationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckoutSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "reservationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "refundRef" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckoutSession_reservationId_idx" ON "CheckoutSession"("reservationId");

-- CreateIndex
CREATE INDEX "Payment_reservationId_idx" ON "Payment"("reservationId");

-- CreateIndex
CREATE INDEX "Order_saleId_status_idx" ON "Order"("saleId", "status");

-- AddForeignKey
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Order"("reservationId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Order"("reservationId") ON DELETE RESTRICT ON UPDATE CASCADE;
