-- AlterTable
ALTER TABLE "Track" ADD COLUMN     "metadataError" VARCHAR(300),
ADD COLUMN     "metadataTriedAt" TIMESTAMP(3);
