import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { assertRoleConfigured, parseRole, planFor, roleProblems, RoleError } from './roles';

const SHARED = {
  DATABASE_URL: 'postgresql://motif:secret@db.internal:5432/motif',
  MOTIF_RPC_URL: 'https://rpc.example/v1',
  MOTIF_CHAIN_ID: '84532',
  KUBO_RPC_URL: 'http://kubo.internal:5001',
  MOTIF_SESSION_SECRET: 'a'.repeat(48),
};

describe('npm start roles', () => {
  it('reads --role, --role=, then MOTIF_ROLE, and defaults to all (npm start with no argument is unchanged)', () => {
    expect(parseRole([], undefined)).toBe('all');
    expect(parseRole([], '')).toBe('all');
    expect(parseRole(['--role', 'web'], undefined)).toBe('web');
    expect(parseRole(['--role=indexer'], 'web')).toBe('indexer');
    expect(parseRole([], 'web')).toBe('web');
  });

  it('refuses unknown roles, a missing value and stray arguments', () => {
    expect(() => parseRole(['--role', 'worker'], undefined)).toThrow(RoleError);
    expect(() => parseRole([], 'Web')).toThrow(/must be one of all, web, indexer/);
    expect(() => parseRole(['--role'], undefined)).toThrow(/needs a value/);
    expect(() => parseRole(['--role', '--verbose'], undefined)).toThrow(/needs a value/);
    expect(() => parseRole(['web'], undefined)).toThrow(/Unknown argument "web"/);
  });

  it('runs everything for all, only the app for web, only the indexer (leader or standby) for indexer', () => {
    expect(planFor('all')).toEqual({ localServices: true, migrate: true, indexer: 'inline', app: true });
    expect(planFor('web')).toEqual({ localServices: false, migrate: false, indexer: null, app: true });
    expect(planFor('indexer')).toEqual({ localServices: false, migrate: true, indexer: 'standby', app: false });
  });

  it('asks a scale-out role for the shared back ends, and web replicas for the shared session key', () => {
    expect(roleProblems('all', parseEnv({}))).toEqual([]);
    expect(roleProblems('web', parseEnv(SHARED))).toEqual([]);
    expect(roleProblems('indexer', parseEnv({ ...SHARED, MOTIF_SESSION_SECRET: undefined }))).toEqual([]);
    const bare = roleProblems('web', parseEnv({}));
    expect(bare.map((p) => p.split(' ')[0])).toEqual([
      'DATABASE_URL',
      'MOTIF_RPC_URL',
      'KUBO_RPC_URL',
      'MOTIF_SESSION_SECRET',
    ]);
    expect(() => assertRoleConfigured('web', parseEnv({ ...SHARED, MOTIF_SESSION_SECRET: undefined }))).toThrow(
      /MOTIF_SESSION_SECRET \(the same on every web replica/,
    );
  });
});
