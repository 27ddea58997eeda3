import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseError } from '../errors/base';

export class SessionSecretError extends BaseError {
  override name = 'SessionSecretError';
}

/**
 * The HMAC key for session cookies: MOTIF_SESSION_SECRET when set (at least 32 characters), otherwise 32 random
 * bytes kept in `<dataDir>/auth/session-secret` (created on first use, mode 0600), so sessions survive a restart.
 */
export async function loadSessionSecret(params: {
  envSecret?: string | undefined;
  dataDir: string;
}): Promise<Uint8Array> {
  const fromEnv = params.envSecret?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new SessionSecretError('MOTIF_SESSION_SECRET must be at least 32 characters');
    return new Uint8Array(Buffer.from(fromEnv, 'utf8'));
  }
  const file = path.join(params.dataDir, 'auth', 'session-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null && /^[0-9a-f]{64}$/.test(existing.trim()))
    return new Uint8Array(Buffer.from(existing.trim(), 'hex'));
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = randomBytes(32).toString('hex');
  try {
    await writeFile(file, fresh, { mode: 0o600, flag: 'wx' });
  } catch {
    // another process wrote it first: use theirs
    const raced = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(raced)) throw new SessionSecretError(`${file} is not a 64-hex-digit secret`);
    return new Uint8Array(Buffer.from(raced, 'hex'));
  }
  return new Uint8Array(Buffer.from(fresh, 'hex'));
}
