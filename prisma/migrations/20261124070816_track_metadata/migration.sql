-- AlterTable
ALTER TABLE "Track" ADD COLUMN     "bpm" INTEGER,
ADD COLUMN     "description" VARCHAR(2000),
ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "genre" VARCHAR(60),
ADD COLUMN     "metadataAt" TIMESTAMP(3),
ADD COLUMN     "modelId" VARCHAR(100),
ADD COLUMN     "musicalKey" VARCHAR(20),
ADD COLUMN     "title" VARCHAR(200);

-- CreateIndex
CREATE INDEX "Track_chainId_mintedBlock_idx" ON "Track"("chainId", "mintedBlock");

-- CreateIndex
CREATE INDEX "Track_chainId_genre_idx" ON "Track"("chainId", "genre");

-- CreateIndex
CREATE INDEX "Track_chainId_bpm_idx" ON "Track"("chainId", "bpm");
