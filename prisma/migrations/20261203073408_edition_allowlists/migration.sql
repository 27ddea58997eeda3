-- CreateTable
CREATE TABLE "EditionAllowlist" (
    "root" VARCHAR(66) NOT NULL,
    "cid" VARCHAR(100) NOT NULL,
    "addresses" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EditionAllowlist_pkey" PRIMARY KEY ("root")
);
