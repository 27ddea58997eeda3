import { describe, expect, it } from 'vitest';
import type { Address, Hex } from 'viem';
import { DEMO_PROFILE_NAMES, DEMO_ROLES, DEMO_TRACKS, type DemoAccounts, type DemoTrackSpec } from './catalogue';
import { planDemoChain, planDemoLabel, planDemoProfiles, type DemoChainState, type DemoTrackState } from './plan';

const address = (n: number): Address => `0x${n.toString(16).padStart(40, '0')}`;
const ACCOUNTS = Object.fromEntries(
  DEMO_ROLES.map((role, i) => [role, { address: address(i + 1), privateKey: `0x${'1'.repeat(64)}` as Hex }]),
) as DemoAccounts;

const spec = (over: Partial<DemoTrackSpec> & Pick<DemoTrackSpec, 'slug'>): DemoTrackSpec => ({
  ...(DEMO_TRACKS[0] as DemoTrackSpec),
  listPrice: undefined,
  sold: undefined,
  inLabel: undefined,
  ...over,
});
const PLAIN = spec({ slug: 'plain', creator: 'creatorA' });
const LISTED = spec({ slug: 'listed', creator: 'creatorB', listPrice: '0.1' });
const SOLD = spec({ slug: 'sold', creator: 'creatorB', listPrice: '0.2', sold: true, inLabel: true });
const SPECS = [PLAIN, LISTED, SOLD];

const track = (over: Partial<DemoTrackState> = {}): DemoTrackState => ({
  tokenId: 1n,
  owner: ACCOUNTS.creatorA.address,
  listed: false,
  receiverCredits: 0n,
  distributed: false,
  ...over,
});
const fresh: DemoChainState = { otherTracks: 0, tracks: {} };
const kinds = (p: ReturnType<typeof planDemoChain>) =>
  p.kind === 'seed' ? p.actions.map((a) => `${a.kind} ${a.slug}`) : [`skip: ${p.reason}`];

describe('planDemoChain', () => {
  it('a fresh chain: every mint first, then the listings, the purchase, the release and the distribution', () => {
    expect(kinds(planDemoChain(SPECS, fresh, ACCOUNTS))).toEqual([
      'mint plain',
      'mint listed',
      'mint sold',
      'list listed',
      'list sold',
      'buy sold',
      'release sold',
      'distribute sold',
    ]);
  });

  it('everything in place: nothing to do (a second start)', () => {
    const state: DemoChainState = {
      otherTracks: 3, // tracks people minted since do not matter once the demo is there
      tracks: {
        plain: track(),
        listed: track({ owner: ACCOUNTS.creatorB.address, listed: true }),
        sold: track({ owner: ACCOUNTS.collector.address, distributed: true }),
      },
    };
    expect(planDemoChain(SPECS, state, ACCOUNTS)).toEqual({ kind: 'seed', actions: [] });
  });

  it('a chain with tracks of its own and no demo track is not a fresh install: skipped', () => {
    expect(kinds(planDemoChain(SPECS, { otherTracks: 2, tracks: {} }, ACCOUNTS))).toEqual([
      'skip: the chain already has 2 tracks of its own',
    ]);
    expect(kinds(planDemoChain(SPECS, { otherTracks: 1, tracks: {} }, ACCOUNTS))).toEqual([
      'skip: the chain already has 1 track of its own',
    ]);
  });

  it('an interrupted seed: only the rest (minted but not listed; bought but not released; released but not distributed)', () => {
    const partial: DemoChainState = {
      otherTracks: 0,
      tracks: { plain: track(), listed: track({ owner: ACCOUNTS.creatorB.address }) },
    };
    expect(kinds(planDemoChain(SPECS, partial, ACCOUNTS))).toEqual([
      'mint sold',
      'list listed',
      'list sold',
      'buy sold',
      'release sold',
      'distribute sold',
    ]);
    const bought = { plain: track(), listed: track({ owner: ACCOUNTS.creatorB.address, listed: true }) };
    expect(
      kinds(
        planDemoChain(
          SPECS,
          {
            otherTracks: 0,
            tracks: { ...bought, sold: track({ owner: ACCOUNTS.collector.address, receiverCredits: 5n }) },
          },
          ACCOUNTS,
        ),
      ),
    ).toEqual(['release sold', 'distribute sold']);
    expect(
      kinds(
        planDemoChain(
          SPECS,
          { otherTracks: 0, tracks: { ...bought, sold: track({ owner: ACCOUNTS.collector.address }) } },
          ACCOUNTS,
        ),
      ),
    ).toEqual(['distribute sold']);
    // Listed but not bought yet: the listing is not sent again.
    expect(
      kinds(
        planDemoChain(
          SPECS,
          { otherTracks: 0, tracks: { ...bought, sold: track({ owner: ACCOUNTS.creatorB.address, listed: true }) } },
          ACCOUNTS,
        ),
      ),
    ).toEqual(['buy sold', 'release sold', 'distribute sold']);
  });

  it('a demo track someone else now owns is left alone', () => {
    const state: DemoChainState = {
      otherTracks: 0,
      tracks: {
        plain: track(),
        listed: track({ owner: address(999) }),
        sold: track({ owner: address(998) }),
      },
    };
    expect(planDemoChain(SPECS, state, ACCOUNTS)).toEqual({ kind: 'seed', actions: [] });
  });

  it('addresses compare without regard to case', () => {
    const state: DemoChainState = {
      otherTracks: 0,
      tracks: {
        plain: track(),
        listed: track({ owner: ACCOUNTS.creatorB.address.toUpperCase().replace('0X', '0x') as Address, listed: true }),
        sold: track({ owner: ACCOUNTS.collector.address, distributed: true }),
      },
    };
    expect(planDemoChain(SPECS, state, ACCOUNTS)).toEqual({ kind: 'seed', actions: [] });
  });
});

describe('planDemoLabel', () => {
  it('a missing label is created with every demo label track', () => {
    expect(planDemoLabel(SPECS, { sold: 7n, plain: 1n }, { labelId: null, catalogue: [] })).toEqual({
      create: true,
      add: ['7'],
    });
  });
  it('an existing label gets only the tracks it lacks; a track not minted yet is not added', () => {
    expect(planDemoLabel(SPECS, { sold: 7n }, { labelId: 'l', catalogue: ['7'] })).toEqual({ create: false, add: [] });
    expect(planDemoLabel(SPECS, {}, { labelId: 'l', catalogue: [] })).toEqual({ create: false, add: [] });
  });
});

describe('planDemoProfiles', () => {
  it("names the profiles with no name or the start seed's dev-key placeholder, never a name someone chose", () => {
    const current = {
      [ACCOUNTS.creatorA.address]: null,
      [ACCOUNTS.creatorB.address]: 'Local creator #8 (dev key)',
      [ACCOUNTS.creatorC.address]: 'Someone Real',
      [ACCOUNTS.collector.address]: '  ',
      [ACCOUNTS.label.address]: DEMO_PROFILE_NAMES.label,
      [ACCOUNTS.payeeA.address]: 'Chosen',
    };
    expect(planDemoProfiles(ACCOUNTS, current).map((p) => [p.role, p.displayName])).toEqual([
      ['creatorA', DEMO_PROFILE_NAMES.creatorA],
      ['creatorB', DEMO_PROFILE_NAMES.creatorB],
      ['collector', DEMO_PROFILE_NAMES.collector],
      ['payeeB', DEMO_PROFILE_NAMES.payeeB],
    ]);
  });
});
