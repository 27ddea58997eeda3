-- CreateTable
CREATE TABLE "ProfileAvatar" (
    "address" VARCHAR(42) NOT NULL,
    "folderCid" VARCHAR(100) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProfileAvatar_pkey" PRIMARY KEY ("address")
);
