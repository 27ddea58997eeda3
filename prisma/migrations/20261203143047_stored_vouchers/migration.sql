-- CreateTable
CREATE TABLE "StoredVoucher" (
    "shortId" VARCHAR(16) NOT NULL,
    "chainId" INTEGER NOT NULL,
    "collection" VARCHAR(42) NOT NULL,
    "creator" VARCHAR(42) NOT NULL,
    "nonce" DECIMAL(78,0) NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "contentDigest" VARCHAR(66) NOT NULL,
    "priceWei" DECIMAL(78,0) NOT NULL,
    "deadline" BIGINT NOT NULL,
    "signed" VARCHAR(2000) NOT NULL,
    "title" VARCHAR(200),
    "genre" VARCHAR(60),
    "musicalKey" VARCHAR(20),
    "bpm" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredVoucher_pkey" PRIMARY KEY ("shortId")
);

-- CreateIndex
CREATE INDEX "StoredVoucher_chainId_deadline_idx" ON "StoredVoucher"("chainId", "deadline");

-- CreateIndex
CREATE INDEX "StoredVoucher_chainId_tokenId_idx" ON "StoredVoucher"("chainId", "tokenId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredVoucher_chainId_collection_creator_nonce_key" ON "StoredVoucher"("chainId", "collection", "creator", "nonce");
