-- CreateTable
CREATE TABLE "NotificationRead" (
    "chainId" INTEGER NOT NULL,
    "account" VARCHAR(42) NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationRead_pkey" PRIMARY KEY ("chainId","account")
);
