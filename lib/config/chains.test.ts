import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as viemChains from 'viem/chains';
import { CHAIN_PRESETS, configuredCurrency, presetForChainId, resolveChain, type ChainPresetInfo } from './chains';
import { parseEnv } from './env';

const README = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const remote = Object.entries(CHAIN_PRESETS).filter((e): e is [string, ChainPresetInfo] => e[1] !== 'local');

describe('chain presets', () => {
  it('every preset has a one-line README note of its stack, settlement chain and gas token', () => {
    expect(remote.length).toBeGreaterThan(0);
    for (const [name, p] of remote) {
      expect(p.note, name).toContain(p.settlement);
      expect(p.note, name).toContain(`gas token ${p.chain.nativeCurrency.symbol}`);
      // A table row whose first cell is the preset's name (cells may be padded by the formatter).
      const line = README.split('\n').find((l) => l.split('|')[1]?.trim() === `\`${name}\``);
      expect(line, `README has no preset row for ${name}`).toBeDefined();
      expect(line, name).toContain(p.note);
      expect(line, name).toContain(String(p.chain.id));
    }
  });

  it('lists no archived chain (Ham) and only chains viem defines, each with its own gas token', () => {
    expect(Object.keys(CHAIN_PRESETS)).not.toContain('ham');
    expect(remote.map(([, p]) => p.chain.id as number)).not.toContain(viemChains.ham.id as number);
    const viemIds = new Set<number>(Object.values(viemChains).map((c) => c.id));
    for (const [name, p] of remote) expect(viemIds.has(p.chain.id), name).toBe(true);
    expect(CHAIN_PRESETS.degen.chain.nativeCurrency.symbol).toBe('DEGEN');
    expect(CHAIN_PRESETS.apechain.chain.nativeCurrency.symbol).toBe('APE');
    expect(CHAIN_PRESETS.sanko.chain.nativeCurrency.symbol).toBe('DMT');
    expect(CHAIN_PRESETS.xai.chain.nativeCurrency.symbol).toBe('XAI');
  });

  it('finds a preset by chain id', () => {
    expect(presetForChainId(666666666)?.name).toBe('degen');
    expect(presetForChainId(8333)?.stack).toBe('op-stack');
    expect(presetForChainId(31337)).toBeNull();
  });
});

describe('resolveChain', () => {
  it('gives the local chain the configured currency and no parent-chain fee', () => {
    const { chain, stack } = resolveChain(parseEnv({ MOTIF_NATIVE_SYMBOL: 'DEGEN' }));
    expect(chain.id).toBe(31337);
    expect(chain.nativeCurrency).toEqual({ name: 'DEGEN', symbol: 'DEGEN', decimals: 18 });
    expect(stack).toBe('none');
    expect(resolveChain(parseEnv({})).chain.nativeCurrency.symbol).toBe('ETH');
  });

  it('gives a custom chain its configured currency and stack; a custom RPC for a preset chain id gets its stack', () => {
    const custom = resolveChain(
      parseEnv({
        MOTIF_RPC_URL: 'http://127.0.0.1:9',
        MOTIF_CHAIN_ID: '777',
        MOTIF_NATIVE_SYMBOL: 'TOK',
        MOTIF_NATIVE_DECIMALS: '6',
        MOTIF_CHAIN_STACK: 'op-stack',
      }),
    );
    expect(custom.chain.id).toBe(777);
    expect(custom.chain.nativeCurrency).toEqual({ name: 'TOK', symbol: 'TOK', decimals: 6 });
    expect(custom.stack).toBe('op-stack');
    expect(resolveChain(parseEnv({ MOTIF_RPC_URL: 'http://127.0.0.1:9', MOTIF_CHAIN_ID: '666666666' })).stack).toBe(
      'orbit',
    );
  });

  it('a preset brings its own currency and stack, and refuses a configured currency', () => {
    const degen = resolveChain(parseEnv({ MOTIF_CHAIN: 'degen' }));
    expect(degen.chain.nativeCurrency.symbol).toBe('DEGEN');
    expect(degen.stack).toBe('orbit');
    expect(resolveChain(parseEnv({ MOTIF_CHAIN: 'b3' })).stack).toBe('op-stack');
    expect(() => parseEnv({ MOTIF_CHAIN: 'degen', MOTIF_NATIVE_SYMBOL: 'ETH' })).toThrow(
      /the degen preset defines its currency/,
    );
  });

  it('prices in the deployed test stablecoin locally, and in no stablecoin where none is configured (issue #20)', () => {
    expect(resolveChain(parseEnv({})).stablecoin).toBe('local-test-token');
    expect(resolveChain(parseEnv({ MOTIF_RPC_URL: 'http://127.0.0.1:9', MOTIF_CHAIN_ID: '777' })).stablecoin).toBe(
      undefined,
    );
    for (const [name, p] of remote) {
      // No preset's stablecoin address is known and verified yet: none may be guessed.
      expect(p.stablecoin, name).toBeUndefined();
      expect(resolveChain(parseEnv({ MOTIF_CHAIN: name })).stablecoin, name).toBeUndefined();
    }
  });

  it('takes a custom chain’s or a preset’s stablecoin from MOTIF_STABLECOIN_* (issue #20)', () => {
    const coin = {
      MOTIF_STABLECOIN_ADDRESS: '0x' + 'ab'.repeat(20),
      MOTIF_STABLECOIN_SYMBOL: 'USDC',
      MOTIF_STABLECOIN_DECIMALS: '6',
    };
    const expected = { address: '0x' + 'ab'.repeat(20), symbol: 'USDC', decimals: 6 };
    expect(
      resolveChain(parseEnv({ MOTIF_RPC_URL: 'http://127.0.0.1:9', MOTIF_CHAIN_ID: '777', ...coin })).stablecoin,
    ).toEqual(expected);
    expect(resolveChain(parseEnv({ MOTIF_CHAIN: 'degen', ...coin })).stablecoin).toEqual(expected);
  });

  it('validates the currency settings', () => {
    expect(() => parseEnv({ MOTIF_NATIVE_SYMBOL: 'NOT A TICKER' })).toThrow(/MOTIF_NATIVE_SYMBOL must be a ticker/);
    expect(() => parseEnv({ MOTIF_NATIVE_DECIMALS: '40' })).toThrow(/MOTIF_NATIVE_DECIMALS must be 0-36/);
    expect(() => parseEnv({ MOTIF_CHAIN_STACK: 'zk' })).toThrow(
      /MOTIF_CHAIN_STACK must be one of orbit, op-stack, none/,
    );
    expect(configuredCurrency({ MOTIF_NATIVE_DECIMALS: 6 })).toEqual({ name: 'Ether', symbol: 'ETH', decimals: 6 });
  });
});
