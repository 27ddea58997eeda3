import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSessionSecret, SessionSecretError } from './session-secret';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'motif-auth-'));
  dirs.push(d);
  return d;
};

describe('session secret', () => {
  it('is created once in the data folder (0600) and read back after a restart', async () => {
    const dataDir = await tempDir();
    const first = await loadSessionSecret({ dataDir });
    expect(first).toHaveLength(32);
    const file = path.join(dataDir, 'auth', 'session-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadSessionSecret({ dataDir })).toEqual(first);
    expect((await readFile(file, 'utf8')).trim()).toBe(Buffer.from(first).toString('hex'));
  });

  it('prefers MOTIF_SESSION_SECRET and refuses a short one', async () => {
    const dataDir = await tempDir();
    const secret = 'x'.repeat(40);
    expect(Buffer.from(await loadSessionSecret({ envSecret: secret, dataDir })).toString()).toBe(secret);
    await expect(loadSessionSecret({ envSecret: 'short', dataDir })).rejects.toBeInstanceOf(SessionSecretError);
  });

  it('refuses a damaged secret file instead of silently replacing it', async () => {
    const dataDir = await tempDir();
    await loadSessionSecret({ dataDir });
    await writeFile(path.join(dataDir, 'auth', 'session-secret'), 'garbage');
    await expect(loadSessionSecret({ dataDir })).rejects.toBeInstanceOf(SessionSecretError);
  });
});
