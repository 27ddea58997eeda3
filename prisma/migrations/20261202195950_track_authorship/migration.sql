-- CreateEnum
CREATE TYPE "TrackAuthorship" AS ENUM ('pending', 'verified', 'unverified');

-- AlterTable
ALTER TABLE "Track" ADD COLUMN     "authorship" "TrackAuthorship" NOT NULL DEFAULT 'pending',
ADD COLUMN     "authorshipReason" VARCHAR(300);
