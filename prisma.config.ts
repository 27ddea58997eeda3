import { defineConfig } from 'prisma/config';

// Prisma 7 reads the datasource URL here, not from the schema. Local runs use the embedded server's URL
// (written by `npm start`); production sets DATABASE_URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/motif' },
});
