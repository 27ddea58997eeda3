import { describe, expect, it } from 'vitest';
import { ConfigError, dataDirProblem, parseEnv, publicOrigins, resolveLayout, usesLocalChain } from './env';

describe('parseEnv', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      MOTIF_APP_PORT: 3000,
      MOTIF_ANVIL_PORT: 8545,
      MOTIF_PG_PORT: 54329,
      MOTIF_DATA_DIR: '.motif',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(usesLocalChain(env)).toBe(true);
  });

  it('reports one line per wrong variable, naming it', () => {
    let error: unknown;
    try {
      parseEnv({
        MOTIF_APP_PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        MOTIF_CHAIN: 'mainnet',
        PINNING_SERVICE_URL: 'https://pin.example',
        KUBO_RPC_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/MOTIF_APP_PORT must be a port number/);
    expect(problems).toMatch(/DATABASE_URL must use postgres or postgresql/);
    expect(problems).toMatch(/MOTIF_CHAIN must be one of local, degen/);
    expect(problems).toMatch(/PINNING_SERVICE_TOKEN is required when PINNING_SERVICE_URL is set/);
    expect(problems).toMatch(/KUBO_RPC_URL must be a URL/);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('reports each invalid stablecoin setting by name, and the ones missing beside it (issue #20)', () => {
    const custom = { MOTIF_RPC_URL: 'https://rpc.example', MOTIF_CHAIN_ID: '777' };
    const problems = (source: Record<string, string>) => {
      try {
        parseEnv(source);
        return [];
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.problems;
      }
    };
    const bad = problems({
      ...custom,
      MOTIF_STABLECOIN_ADDRESS: '0x1234',
      MOTIF_STABLECOIN_SYMBOL: 'US DOLLAR COIN',
      MOTIF_STABLECOIN_DECIMALS: 'six',
    });
    expect(bad).toHaveLength(3);
    expect(bad.join('\n')).toMatch(/MOTIF_STABLECOIN_ADDRESS must be a token address/);
    expect(bad.join('\n')).toMatch(/MOTIF_STABLECOIN_SYMBOL must be a ticker/);
    expect(bad.join('\n')).toMatch(/MOTIF_STABLECOIN_DECIMALS must be a number/);
    expect(problems({ ...custom, MOTIF_STABLECOIN_ADDRESS: '0x' + '0'.repeat(40) }).join('\n')).toMatch(
      /MOTIF_STABLECOIN_ADDRESS must not be the zero address/,
    );
    expect(problems({ ...custom, MOTIF_STABLECOIN_ADDRESS: '0x' + 'ab'.repeat(20) })).toEqual([
      'MOTIF_STABLECOIN_SYMBOL and MOTIF_STABLECOIN_DECIMALS are required when MOTIF_STABLECOIN_ADDRESS is set',
    ]);
    expect(
      problems({
        MOTIF_STABLECOIN_ADDRESS: '0x' + 'ab'.repeat(20),
        MOTIF_STABLECOIN_SYMBOL: 'USDC',
        MOTIF_STABLECOIN_DECIMALS: '6',
      }),
    ).toEqual([
      'MOTIF_STABLECOIN_ADDRESS is for a custom chain or a preset: the local chain deploys its own test token (tUSD)',
    ]);
    expect(
      parseEnv({
        ...custom,
        MOTIF_STABLECOIN_ADDRESS: '0x' + 'ab'.repeat(20),
        MOTIF_STABLECOIN_SYMBOL: 'USDC',
        MOTIF_STABLECOIN_DECIMALS: '6',
      }),
    ).toMatchObject({ MOTIF_STABLECOIN_SYMBOL: 'USDC', MOTIF_STABLECOIN_DECIMALS: 6 });
  });

  it('requires a chain id with a custom RPC URL, and accepts a preset', () => {
    expect(() => parseEnv({ MOTIF_RPC_URL: 'https://rpc.example' })).toThrow(/MOTIF_CHAIN_ID is required/);
    const env = parseEnv({ MOTIF_CHAIN: 'xai-testnet', DEPLOYER_PRIVATE_KEY: '0x' + 'ab'.repeat(32) });
    expect(env.MOTIF_CHAIN).toBe('xai-testnet');
    expect(usesLocalChain(env)).toBe(false);
  });

  it('takes the public origin from MOTIF_PUBLIC_URL, else the local URL under both local names', () => {
    expect(publicOrigins(parseEnv({ MOTIF_APP_PORT: '4000' }))).toEqual([
      'http://localhost:4000',
      'http://127.0.0.1:4000',
    ]);
    expect(publicOrigins(parseEnv({ MOTIF_PUBLIC_URL: 'https://motif.example' }))).toEqual(['https://motif.example']);
    expect(() => parseEnv({ MOTIF_PUBLIC_URL: 'not a url' })).toThrow(/MOTIF_PUBLIC_URL must be a URL/);
    expect(() => parseEnv({ MOTIF_PUBLIC_URL: 'ftp://motif.example' })).toThrow(
      /MOTIF_PUBLIC_URL must use http or https/,
    );
    expect(() => parseEnv({ MOTIF_PUBLIC_URL: 'https://motif.example/app' })).toThrow(
      /MOTIF_PUBLIC_URL must be an origin/,
    );
  });

  it('refuses a MOTIF_DATA_DIR under /proc, /sys or /dev, or one that cannot be created or written, at parse time', async () => {
    expect(() => parseEnv({ MOTIF_DATA_DIR: '/proc/motif' })).toThrow(/MOTIF_DATA_DIR must not be under \/proc/);
    expect(dataDirProblem('/sys/kernel/motif')).toMatch(/must not be under \/sys/);
    expect(dataDirProblem('/dev/shm/motif')).toMatch(/must not be under \/dev/);
    const { mkdtemp, writeFile, chmod } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'motif-env-'));
    await writeFile(path.join(tmp, 'file'), 'x');
    expect(dataDirProblem(path.join(tmp, 'file', 'data'))).toMatch(/cannot be created: .*file is not a folder/);
    expect(dataDirProblem(path.join(tmp, 'new', 'data'))).toBeNull(); // creatable
    expect(dataDirProblem(tmp)).toBeNull();
    if (process.getuid?.() !== 0) {
      await chmod(tmp, 0o500); // root writes anywhere, so this case only means something for other users
      expect(dataDirProblem(path.join(tmp, 'data'))).toMatch(/is not writable/);
      await chmod(tmp, 0o700);
    }
  });

  it('resolves the data folders under MOTIF_DATA_DIR', () => {
    const layout = resolveLayout({ MOTIF_DATA_DIR: 'data' }, '/srv/motif');
    expect(layout.postgresDir).toBe('/srv/motif/data/postgres');
    expect(layout.chainStatePath).toBe('/srv/motif/data/chain/anvil-state.json');
  });
});
