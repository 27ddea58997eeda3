-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "expiry" BIGINT NOT NULL DEFAULT 0;
