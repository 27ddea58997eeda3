-- CreateTable
CREATE TABLE "ChainEvent" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "blockHash" VARCHAR(66) NOT NULL,
    "contract" VARCHAR(32) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "args" JSONB NOT NULL,
    "tokenId" DECIMAL(78,0),

    CONSTRAINT "ChainEvent_pkey" PRIMARY KEY ("chainId","txHash","logIndex")
);

-- CreateTable
CREATE TABLE "IndexedBlock" (
    "chainId" INTEGER NOT NULL,
    "number" BIGINT NOT NULL,
    "hash" VARCHAR(66) NOT NULL,
    "parentHash" VARCHAR(66) NOT NULL,

    CONSTRAINT "IndexedBlock_pkey" PRIMARY KEY ("chainId","number")
);

-- CreateTable
CREATE TABLE "Track" (
    "chainId" INTEGER NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "creator" VARCHAR(42) NOT NULL,
    "owner" VARCHAR(42) NOT NULL,
    "contentDigest" VARCHAR(66) NOT NULL,
    "manifestDigest" VARCHAR(66) NOT NULL,
    "licence" INTEGER NOT NULL,
    "royaltyReceiver" VARCHAR(42) NOT NULL,
    "royaltyBps" INTEGER NOT NULL,
    "mintedBlock" BIGINT NOT NULL,
    "mintedTx" VARCHAR(66) NOT NULL,

    CONSTRAINT "Track_pkey" PRIMARY KEY ("chainId","tokenId")
);

-- CreateTable
CREATE TABLE "Listing" (
    "chainId" INTEGER NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "seller" VARCHAR(42) NOT NULL,
    "priceWei" DECIMAL(78,0) NOT NULL,
    "listedBlock" BIGINT NOT NULL,

    CONSTRAINT "Listing_pkey" PRIMARY KEY ("chainId","tokenId")
);

-- CreateTable
CREATE TABLE "Sale" (
    "chainId" INTEGER NOT NULL,
    "txHash" VARCHAR(66) NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "buyer" VARCHAR(42) NOT NULL,
    "seller" VARCHAR(42) NOT NULL,
    "priceWei" DECIMAL(78,0) NOT NULL,
    "royaltyReceiver" VARCHAR(42) NOT NULL,
    "royaltyWei" DECIMAL(78,0) NOT NULL,
    "feeWei" DECIMAL(78,0) NOT NULL,
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "Sale_pkey" PRIMARY KEY ("chainId","txHash","logIndex")
);

-- CreateIndex
CREATE INDEX "ChainEvent_chainId_blockNumber_idx" ON "ChainEvent"("chainId", "blockNumber");

-- CreateIndex
CREATE INDEX "ChainEvent_chainId_tokenId_blockNumber_idx" ON "ChainEvent"("chainId", "tokenId", "blockNumber");

-- CreateIndex
CREATE INDEX "Track_chainId_creator_idx" ON "Track"("chainId", "creator");

-- CreateIndex
CREATE INDEX "Track_chainId_owner_idx" ON "Track"("chainId", "owner");

-- CreateIndex
CREATE INDEX "Listing_chainId_priceWei_idx" ON "Listing"("chainId", "priceWei");

-- CreateIndex
CREATE INDEX "Sale_chainId_tokenId_idx" ON "Sale"("chainId", "tokenId");
