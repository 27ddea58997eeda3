-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "currency" VARCHAR(42);

-- AlterTable
ALTER TABLE "Sale" ADD COLUMN     "currency" VARCHAR(42);
