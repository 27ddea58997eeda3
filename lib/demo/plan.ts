/**
 * What the demo seed still has to do (pure): from what the chain and the database hold now, the chain actions
 * (mint, list, buy, release, distribute), the label and the profile names that are missing. A second start finds
 * everything in place and plans nothing; a start after an interrupted seed plans exactly the rest.
 */
import { getAddress, type Address } from 'viem';
import { DEMO_PROFILE_NAMES, DEMO_ROLES, type DemoAccounts, type DemoRole, type DemoTrackSpec } from './catalogue';

/** A demo track as the chain has it now. */
export type DemoTrackState = {
  tokenId: bigint;
  owner: Address;
  /** The token has a live Market listing. */
  listed: boolean;
  /** Royalties the Market holds for the track's royalty receiver (its split), not yet released to it. */
  receiverCredits: bigint;
  /** SplitMain has distributed ETH of the receiver (its split) at least once. */
  distributed: boolean;
};

export type DemoChainState = {
  /** Tracks minted on this chain that are not demo tracks (someone's own catalogue). */
  otherTracks: number;
  /** The demo tracks found on chain, by slug. */
  tracks: Readonly<Record<string, DemoTrackState | undefined>>;
};

export const DEMO_CHAIN_ACTIONS = ['mint', 'list', 'buy', 'release', 'distribute'] as const;
export type DemoChainActionKind = (typeof DEMO_CHAIN_ACTIONS)[number];
export type DemoChainAction = { kind: DemoChainActionKind; slug: string };

export type DemoChainPlan = { kind: 'skip'; reason: string } | { kind: 'seed'; actions: DemoChainAction[] };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The chain actions still to do, in phase order (every mint, then listings, purchases, releases, distributions).
 * A chain with tracks of its own and no demo track is not a fresh install: nothing is seeded there.
 */
export function planDemoChain(
  specs: readonly DemoTrackSpec[],
  state: DemoChainState,
  accounts: Pick<DemoAccounts, 'collector' | DemoTrackSpec['creator']>,
): DemoChainPlan {
  const found = specs.filter((s) => state.tracks[s.slug] !== undefined).length;
  if (found === 0 && state.otherTracks > 0)
    return {
      kind: 'skip',
      reason: `the chain already has ${state.otherTracks} track${state.otherTracks === 1 ? '' : 's'} of its own`,
    };
  const actions: DemoChainAction[] = [];
  for (const spec of specs) {
    const track = state.tracks[spec.slug];
    const add = (...kinds: DemoChainActionKind[]) => actions.push(...kinds.map((kind) => ({ kind, slug: spec.slug })));
    if (!track) {
      add('mint');
      if (spec.listPrice) add('list');
      if (spec.sold) add('buy', 'release', 'distribute');
      continue;
    }
    const withCreator = same(track.owner, accounts[spec.creator].address);
    const bought = same(track.owner, accounts.collector.address);
    if (spec.sold && withCreator) {
      if (!track.listed) add('list');
      add('buy', 'release', 'distribute');
      continue;
    }
    if (spec.sold && bought) {
      if (track.receiverCredits > 0n) add('release');
      if (track.receiverCredits > 0n || !track.distributed) add('distribute');
      continue;
    }
    // Moved by someone since (not the demo's doing): left as it is.
    if (spec.listPrice && withCreator && !track.listed) add('list');
  }
  const phase = (a: DemoChainAction) => DEMO_CHAIN_ACTIONS.indexOf(a.kind);
  return {
    kind: 'seed',
    actions: actions
      .map((a, i) => ({ a, i }))
      .sort((x, y) => phase(x.a) - phase(y.a) || x.i - y.i)
      .map((x) => x.a),
  };
}

export type DemoLabelState = { labelId: string | null; catalogue: readonly string[] };
export type DemoLabelPlan = { create: boolean; add: string[] };

/** Whether the demo label must be created, and which demo token ids its catalogue lacks. */
export function planDemoLabel(
  specs: readonly DemoTrackSpec[],
  tokenIds: Readonly<Record<string, bigint | undefined>>,
  state: DemoLabelState,
): DemoLabelPlan {
  const have = new Set(state.catalogue);
  const add = specs
    .filter((s) => s.inLabel)
    .map((s) => tokenIds[s.slug]?.toString())
    .filter((id): id is string => id !== undefined && !have.has(id));
  return { create: state.labelId === null, add };
}

/** A name the platform gave, not the person: none, or the dev-account default the start seed writes ("… (dev key)"). */
function isPlaceholderName(name: string | null | undefined): boolean {
  const n = (name ?? '').trim();
  return n === '' || n.endsWith('(dev key)');
}

/** The demo profiles whose name is still a placeholder (a name someone chose is never overwritten). */
export function planDemoProfiles(
  accounts: DemoAccounts,
  current: Readonly<Record<string, string | null | undefined>>,
): { role: DemoRole; address: Address; displayName: string }[] {
  return DEMO_ROLES.filter((role) => isPlaceholderName(current[getAddress(accounts[role].address)])).map((role) => ({
    role,
    address: getAddress(accounts[role].address),
    displayName: DEMO_PROFILE_NAMES[role],
  }));
}
