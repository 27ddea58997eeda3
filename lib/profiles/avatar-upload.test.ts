import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { getAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { HeliaStorage } from '../ipfs/helia-storage';
import { readAll } from '../ipfs/storage';
import { AVATAR_MAX_BYTES, avatarFileIn, avatarUrlOf, uploadAvatar } from './avatar-upload';

const prisma = createPrismaClient(inject('databaseUrl'));
const OWNER = getAddress('0x00000000000000000000000000000000000a7a7a');
// A real 1 x 1 PNG, and the first bytes of a JPEG and a WebP (the check reads magic bytes only).
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);

let dir: string;
let storage: HeliaStorage;
const deps = () => ({ prisma, storage });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-avatar-test-'));
  storage = await HeliaStorage.open(dir);
  await prisma.profileAvatar.deleteMany({ where: { address: OWNER } });
});

afterAll(async () => {
  await prisma.profileAvatar.deleteMany({ where: { address: OWNER } });
  await storage.close();
  await rm(dir, { recursive: true, force: true });
  await prisma.$disconnect();
});

describe('uploaded avatar', () => {
  it('starts as none (the generated avatar)', async () => {
    await expect(avatarUrlOf(prisma, OWNER)).resolves.toBeNull();
  });

  it('pins a PNG as avatar.png in its own folder and records it; a new upload replaces it', async () => {
    const first = await uploadAvatar(deps(), OWNER, PNG);
    expect(first.url).toBe(`/media/${first.folderCid}/avatar`);
    await expect(avatarUrlOf(prisma, OWNER)).resolves.toBe(first.url);
    const folder = await storage.stat(CID.parse(first.folderCid));
    expect(folder.type === 'directory' ? folder.entries.map((e) => e.name) : []).toEqual(['avatar.png']);
    const stored = await readAll(storage.cat(CID.parse(first.folderCid), { path: 'avatar.png' }));
    expect(Buffer.from(stored).equals(Buffer.from(PNG))).toBe(true);

    const second = await uploadAvatar(deps(), OWNER, JPEG);
    expect(second.folderCid).not.toBe(first.folderCid);
    await expect(avatarUrlOf(prisma, OWNER)).resolves.toBe(second.url);
    const names = await storage.stat(CID.parse(second.folderCid));
    expect(names.type === 'directory' ? avatarFileIn(names.entries.map((e) => e.name)) : null).toBe('avatar.jpg');
    const webp = await uploadAvatar(deps(), OWNER, WEBP);
    const webpFolder = await storage.stat(CID.parse(webp.folderCid));
    expect(webpFolder.type === 'directory' ? webpFolder.entries.map((e) => e.name) : []).toEqual(['avatar.webp']);
  });

  it('refuses other content (415), an empty body (400) and anything over the cover limit (413), keeping the old one', async () => {
    const before = await avatarUrlOf(prisma, OWNER);
    const gif = Uint8Array.from(Buffer.from('GIF89a\x01\x00\x01\x00'));
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await expect(uploadAvatar(deps(), OWNER, gif)).rejects.toMatchObject({ status: 415 });
    await expect(uploadAvatar(deps(), OWNER, svg)).rejects.toThrow(/avatar must be a PNG, JPEG or WebP image/);
    await expect(uploadAvatar(deps(), OWNER, new Uint8Array())).rejects.toMatchObject({ status: 400 });
    const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
    big.set(PNG);
    await expect(uploadAvatar(deps(), OWNER, big)).rejects.toMatchObject({ status: 413 });
    await expect(avatarUrlOf(prisma, OWNER)).resolves.toBe(before);
    await expect(uploadAvatar(deps(), OWNER, big.subarray(0, AVATAR_MAX_BYTES))).resolves.toMatchObject({
      url: expect.stringMatching(/^\/media\//),
    });
  });
});
