-- CreateTable
CREATE TABLE "EditionApproval" (
    "chainId" INTEGER NOT NULL,
    "editions" VARCHAR(42) NOT NULL,
    "editionId" DECIMAL(78,0) NOT NULL,
    "nonce" DECIMAL(78,0) NOT NULL,
    "phase" INTEGER NOT NULL,
    "minter" VARCHAR(42) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "deadline" BIGINT NOT NULL,
    "signer" VARCHAR(42) NOT NULL,
    "signature" VARCHAR(400) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EditionApproval_pkey" PRIMARY KEY ("chainId","editions","editionId","nonce")
);

-- CreateTable
CREATE TABLE "EditionPhaseCurrency" (
    "chainId" INTEGER NOT NULL,
    "editionId" DECIMAL(78,0) NOT NULL,
    "phase" INTEGER NOT NULL,
    "currency" VARCHAR(42) NOT NULL,
    "blockNumber" BIGINT NOT NULL,

    CONSTRAINT "EditionPhaseCurrency_pkey" PRIMARY KEY ("chainId","editionId","phase")
);

-- CreateIndex
CREATE INDEX "EditionApproval_chainId_editionId_minter_phase_idx" ON "EditionApproval"("chainId", "editionId", "minter", "phase");

-- CreateIndex
CREATE INDEX "EditionPhaseCurrency_chainId_blockNumber_idx" ON "EditionPhaseCurrency"("chainId", "blockNumber");
