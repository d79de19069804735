-- Running a live sale: a sale ended early records when it actually ended, and shoppers may ask to
-- be reminded of an upcoming sale's start.

-- AlterTable
ALTER TABLE "Sale" ADD COLUMN "endedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SaleReminder" (
    "saleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "messageId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "SaleReminder_pkey" PRIMARY KEY ("saleId","userId")
);

-- CreateIndex
CREATE INDEX "SaleReminder_userId_idx" ON "SaleReminder"("userId");

-- AddForeignKey
ALTER TABLE "SaleReminder" ADD CONSTRAINT "SaleReminder_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "Sale"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SaleReminder" ADD CONSTRAINT "SaleReminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
