-- CreateTable
CREATE TABLE "LostTransaction" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "events" JSONB NOT NULL,
    "accounts" TEXT[],
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LostTransaction_pkey" PRIMARY KEY ("chainId","txHash")
);

-- CreateIndex
CREATE INDEX "LostTransaction_chainId_detectedAt_idx" ON "LostTransaction"("chainId", "detectedAt");
