-- CreateTable
CREATE TABLE "Edition" (
    "chainId" INTEGER NOT NULL,
    "editionId" DECIMAL(78,0) NOT NULL,
    "creator" VARCHAR(42) NOT NULL,
    "contentDigest" VARCHAR(66) NOT NULL,
    "manifestDigest" VARCHAR(66) NOT NULL,
    "licence" INTEGER NOT NULL,
    "royaltyReceiver" VARCHAR(42) NOT NULL,
    "royaltyBps" INTEGER NOT NULL,
    "payout" VARCHAR(42) NOT NULL,
    "maxSupply" INTEGER NOT NULL,
    "closeAt" BIGINT NOT NULL,
    "referralBps" INTEGER NOT NULL,
    "createdBlock" BIGINT NOT NULL,
    "createdTx" VARCHAR(66) NOT NULL,

    CONSTRAINT "Edition_pkey" PRIMARY KEY ("chainId","editionId")
);

-- CreateTable
CREATE TABLE "EditionPhase" (
    "chainId" INTEGER NOT NULL,
    "editionId" DECIMAL(78,0) NOT NULL,
    "phase" INTEGER NOT NULL,
    "priceWei" DECIMAL(78,0) NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "walletCap" INTEGER NOT NULL,
    "phaseCap" INTEGER NOT NULL,
    "mode" INTEGER NOT NULL,
    "merkleRoot" VARCHAR(66) NOT NULL,
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "EditionPhase_pkey" PRIMARY KEY ("chainId","editionId","phase")
);

-- CreateTable
CREATE TABLE "EditionMint" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "recipient" INTEGER NOT NULL DEFAULT 0,
    "editionId" DECIMAL(78,0) NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "phase" INTEGER,
    "collector" VARCHAR(42) NOT NULL,
    "firstNumber" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "paidWei" DECIMAL(78,0) NOT NULL,
    "referrer" VARCHAR(42),
    "referralWei" DECIMAL(78,0) NOT NULL,
    "comment" VARCHAR(300) NOT NULL DEFAULT '',
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "EditionMint_pkey" PRIMARY KEY ("chainId","txHash","logIndex","recipient")
);

-- CreateTable
CREATE TABLE "EditionRelease" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "editionId" DECIMAL(78,0) NOT NULL,
    "payout" VARCHAR(42) NOT NULL,
    "amountWei" DECIMAL(78,0) NOT NULL,
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "EditionRelease_pkey" PRIMARY KEY ("chainId","txHash","logIndex")
);

-- CreateIndex
CREATE INDEX "Edition_chainId_creator_idx" ON "Edition"("chainId", "creator");

-- CreateIndex
CREATE INDEX "Edition_chainId_contentDigest_idx" ON "Edition"("chainId", "contentDigest");

-- CreateIndex
CREATE INDEX "Edition_chainId_createdBlock_idx" ON "Edition"("chainId", "createdBlock");

-- CreateIndex
CREATE INDEX "EditionPhase_chainId_blockNumber_idx" ON "EditionPhase"("chainId", "blockNumber");

-- CreateIndex
CREATE INDEX "EditionMint_chainId_editionId_firstNumber_idx" ON "EditionMint"("chainId", "editionId", "firstNumber");

-- CreateIndex
CREATE INDEX "EditionMint_chainId_collector_idx" ON "EditionMint"("chainId", "collector");

-- CreateIndex
CREATE INDEX "EditionMint_chainId_referrer_idx" ON "EditionMint"("chainId", "referrer");

-- CreateIndex
CREATE INDEX "EditionMint_chainId_blockNumber_idx" ON "EditionMint"("chainId", "blockNumber");

-- CreateIndex
CREATE INDEX "EditionRelease_chainId_editionId_idx" ON "EditionRelease"("chainId", "editionId");

-- CreateIndex
CREATE INDEX "EditionRelease_chainId_payout_idx" ON "EditionRelease"("chainId", "payout");

-- CreateIndex
CREATE INDEX "EditionRelease_chainId_blockNumber_idx" ON "EditionRelease"("chainId", "blockNumber");
