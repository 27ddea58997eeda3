import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPinAllowlistHandler, createProofHandler } from '../../app/api/editions/handler';
import { createPrismaClient } from '../../lib/db/client';
import { pinAllowlist } from '../../lib/editions/allowlist-store';
import { AllowlistTree, NotOnAllowlistError } from '../../lib/editions/allowlist-tree';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';

const prisma = createPrismaClient(inject('databaseUrl'));
let dir: string;
let storage: HeliaStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'editions-api-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
});
afterAll(async () => {
  await prisma.$disconnect();
  await storage?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (body: string) =>
  new Request('http://motif.test/api/editions/allowlists', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

describe('/api/editions', () => {
  it('pins a valid allowlist file (201 with root and CID) and refuses non-JSON and forged files with 400', async () => {
    const handler = createPinAllowlistHandler({
      pin: (file) => pinAllowlist({ storage, prisma }, file),
      admit: async () => null,
    });
    const tree = AllowlistTree.build([
      { editionId: 9n << 96n, phase: 0, addresses: [privateKeyToAccount(generatePrivateKey()).address] },
    ]);
    const ok = await handler(post(JSON.stringify(tree.toJson())));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ root: tree.root, addresses: 1, cid: expect.stringMatching(/^b/) });
    expect((await handler(post('not json'))).status).toBe(400);
    const forged = await handler(post(JSON.stringify({ ...tree.toJson(), root: `0x${'12'.repeat(32)}` })));
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: expect.stringMatching(/root/) });
  });

  it('answers a proof request: 400 for malformed input, 404 (not-listed) for an account outside the list', async () => {
    const handler = createProofHandler({
      proof: async ({ account, editionId, phase }) => {
        throw new NotOnAllowlistError(account, editionId, phase);
      },
    });
    const bad = await handler(new Request('http://motif.test/api/editions/x/proof?phase=9&account=nope'), 'x');
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toHaveLength(3);
    const outside = await handler(
      new Request(
        `http://motif.test/api/editions/1/proof?phase=0&account=${privateKeyToAccount(generatePrivateKey()).address}`,
      ),
      '1',
    );
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ reason: 'not-listed' });
  });
});
