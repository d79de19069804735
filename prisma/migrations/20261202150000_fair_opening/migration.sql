-- A fair opening: a sale may open with a lobby and one shuffled draw at the start. Sales gain the
-- opening mode, the lobby's length, the challenge cost, the minimum account age, the draw's
-- committed seed and its result; every entrant is recorded for the fairness report.

-- CreateEnum
CREATE TYPE "OpeningMode" AS ENUM ('FIRST_COME', 'FAIR_DRAW');

-- CreateEnum
CREATE TYPE "EntrantVia" AS ENUM ('LOBBY', 'BUY');

-- AlterTable
ALTER TABLE "Sale" ADD COLUMN "openingMode" "OpeningMode" NOT NULL DEFAULT 'FIRST_COME',
ADD COLUMN "lobbyMinutes" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN "challengeCost" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "minAccountAgeDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "drawSeed" TEXT,
ADD COLUMN "drawCommitment" TEXT,
ADD COLUMN "drawnAt" TIMESTAMPTZ(3),
ADD COLUMN "drawEntrants" INTEGER,
ADD COLUMN "admissionDenials" JSONB;

-- CreateTable
CREATE TABLE "SaleEntrant" (
    "saleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "entryToken" TEXT NOT NULL,
    "via" "EntrantVia" NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL,
    "drawPosition" INTEGER,
    "addressBlock" TEXT,
    "deviceId" TEXT,

    CONSTRAINT "SaleEntrant_pkey" PRIMARY KEY ("saleId","userId")
);

-- CreateIndex
CREATE INDEX "SaleEntrant_saleId_drawPosition_idx" ON "SaleEntrant"("saleId", "drawPosition");

-- CreateIndex
CREATE INDEX "SaleEntrant_saleId_addressBlock_idx" ON "SaleEntrant"("saleId", "addressBlock");

-- AddForeignKey
ALTER TABLE "SaleEntrant" ADD CONSTRAINT "SaleEntrant_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "Sale"("id") ON DELETE CASCADE ON UPDATE CASCADE;
