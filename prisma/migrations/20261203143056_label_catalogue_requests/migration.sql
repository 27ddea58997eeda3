-- CreateEnum
CREATE TYPE "LabelRequestStatus" AS ENUM ('pending', 'accepted', 'declined');

-- CreateTable
CREATE TABLE "LabelCatalogueRequest" (
    "id" UUID NOT NULL,
    "labelId" UUID NOT NULL,
    "chainId" INTEGER NOT NULL,
    "tokenId" DECIMAL(78,0) NOT NULL,
    "creator" VARCHAR(42) NOT NULL,
    "requestedBy" VARCHAR(42) NOT NULL,
    "status" "LabelRequestStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "LabelCatalogueRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabelCatalogueRequest_creator_status_idx" ON "LabelCatalogueRequest"("creator", "status");

-- CreateIndex
CREATE INDEX "LabelCatalogueRequest_labelId_chainId_tokenId_idx" ON "LabelCatalogueRequest"("labelId", "chainId", "tokenId");

-- AddForeignKey
ALTER TABLE "LabelCatalogueRequest" ADD CONSTRAINT "LabelCatalogueRequest_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;
