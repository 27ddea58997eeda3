-- CreateTable
CREATE TABLE "EditionCurrencyCredit" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "editionId" DECIMAL(78,0),
    "kind" VARCHAR(8) NOT NULL,
    "account" VARCHAR(42) NOT NULL,
    "currency" VARCHAR(42) NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "EditionCurrencyCredit_pkey" PRIMARY KEY ("chainId","txHash","logIndex")
);

-- CreateIndex
CREATE INDEX "EditionCurrencyCredit_chainId_account_idx" ON "EditionCurrencyCredit"("chainId", "account");

-- CreateIndex
CREATE INDEX "EditionCurrencyCredit_chainId_editionId_idx" ON "EditionCurrencyCredit"("chainId", "editionId");

-- CreateIndex
CREATE INDEX "EditionCurrencyCredit_chainId_blockNumber_idx" ON "EditionCurrencyCredit"("chainId", "blockNumber");
