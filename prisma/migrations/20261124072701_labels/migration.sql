-- CreateEnum
CREATE TYPE "LabelRole" AS ENUM ('owner', 'manager', 'viewer');

-- CreateTable
CREATE TABLE "Label" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "createdBy" VARCHAR(42) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelMember" (
    "labelId" UUID NOT NULL,
    "address" VARCHAR(42) NOT NULL,
    "role" "LabelRole" NOT NULL,
    "addedBy" VARCHAR(42) NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelMember_pkey" PRIMARY KEY ("labelId","address")
);

-- CreateTable
CREATE TABLE "LabelCatalogueEntry" (
    "labelId" UUID NOT NULL,
    "chainId" INTEGER NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "addedBy" VARCHAR(42) NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelCatalogueEntry_pkey" PRIMARY KEY ("labelId","chainId","tokenId")
);

-- CreateTable
CREATE TABLE "LabelAuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "labelId" UUID NOT NULL,
    "actor" VARCHAR(42) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelAuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabelMember_address_idx" ON "LabelMember"("address");

-- CreateIndex
CREATE INDEX "LabelAuditEntry_labelId_at_idx" ON "LabelAuditEntry"("labelId", "at");

-- AddForeignKey
ALTER TABLE "LabelMember" ADD CONSTRAINT "LabelMember_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelCatalogueEntry" ADD CONSTRAINT "LabelCatalogueEntry_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelAuditEntry" ADD CONSTRAINT "LabelAuditEntry_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;
