/**
 * The demo catalogue a fresh `npm start` seeds (pure data): six tracks composed by the shipped models with fixed
 * seeds, who made them (the local dev creator accounts), their royalty splits, which are listed, which one is sold,
 * the demo label and the demo profiles. Every track's description starts with DEMO_DESCRIPTION_PREFIX, the marker
 * pages and the seed itself read (`isDemoDescription`).
 */
import type { Address, Hex } from 'viem';
import type { ComposeRequest } from '../generation/compose/request';
import type { LicenceName } from '../contracts/licences';
import type { MintDetails } from '../mint/draft';

/** The first words of every demo track's description: what marks a track as demo data. */
export const DEMO_DESCRIPTION_PREFIX = 'Demo track: seeded by npm start on a fresh install (MOTIF_DEMO=off skips it).';

/** Whether a track's description (metadata.json, or the indexed row) marks it as demo data. */
export function isDemoDescription(description: string | null | undefined): boolean {
  return (description ?? '').startsWith(DEMO_DESCRIPTION_PREFIX);
}

/** Who plays a part in the demo; the seed maps each to a local dev account (lib/chain/dev-accounts.ts). */
export type DemoRole = 'creatorA' | 'creatorB' | 'creatorC' | 'collector' | 'label' | 'payeeA' | 'payeeB';
export const DEMO_ROLES: readonly DemoRole[] = [
  'creatorA',
  'creatorB',
  'creatorC',
  'collector',
  'label',
  'payeeA',
  'payeeB',
];

export type DemoAccount = { address: Address; privateKey: Hex };
export type DemoAccounts = Record<DemoRole, DemoAccount>;

/** The dev account index each role uses (the dev-accounts roles: #1, #8, #9 creators, #2 collector, #3 label, #4-5 payees). */
export const DEMO_DEV_ACCOUNT_INDEX: Record<DemoRole, number> = {
  creatorA: 1,
  creatorB: 8,
  creatorC: 9,
  collector: 2,
  label: 3,
  payeeA: 4,
  payeeB: 5,
};

export type DemoTrackSpec = {
  /** Stable name of the track in the plan. */
  slug: string;
  title: string;
  genre: MintDetails['genre'];
  licence: LicenceName;
  /** After DEMO_DESCRIPTION_PREFIX. */
  blurb: string;
  creator: Extract<DemoRole, `creator${string}`>;
  /** The compose request; the model is a shipped one (public/models), the seed fixed. */
  request: Pick<ComposeRequest, 'modelId' | 'seed' | 'bars' | 'tempo' | 'key' | 'scale' | 'primer' | 'style'> &
    Partial<Pick<ComposeRequest, 'temperature' | 'instruments'>>;
  royaltyPercent: string;
  /** Payees of the royalty in percent; more than one payee (or a controller) makes a SplitMain split. */
  payees: ReadonlyArray<{ role: DemoRole; percent: string }>;
  /** The split's controller (the demo label controls the splits of its catalogue). */
  controller?: 'label';
  /** Listed in the Market at this price (native token, decimal text). */
  listPrice?: string;
  /** Bought by the collector, and its royalty released to the split and distributed. */
  sold?: boolean;
  /** In the demo label's catalogue. */
  inLabel?: boolean;
};

export const DEMO_LABEL_NAME = 'Tideline Records (demo)';

/** Display names of the demo profiles (set where the profile has no name of its own). */
export const DEMO_PROFILE_NAMES: Record<DemoRole, string> = {
  creatorA: 'Ada Marlowe (demo)',
  creatorB: 'Juno Park (demo)',
  creatorC: 'Theo Lind (demo)',
  collector: 'Rin Ocampo (demo collector)',
  label: 'Tideline Records (demo label)',
  payeeA: 'Sol Varga (demo co-writer)',
  payeeB: 'Mei Aalto (demo producer)',
};

export const DEMO_PROFILE_BIO =
  'Demo profile, seeded by npm start on a fresh install. A local dev account: its private key is public, never use it elsewhere.';

const MELODY = 'motif-melody-2x256-v1';
const IMPROV = 'motif-improv-2x256-v1';

export const DEMO_TRACKS: readonly DemoTrackSpec[] = [
  {
    slug: 'harbour-lights',
    title: 'Harbour Lights',
    genre: 'Pop',
    licence: 'CC-BY-4.0',
    blurb: 'A bright folk-pop tune over C G Am F, the melody model at seed 20261201.',
    creator: 'creatorA',
    request: {
      modelId: MELODY,
      seed: 20_261_201,
      bars: 8,
      tempo: 104,
      key: 'C',
      scale: 'major',
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'pop',
    },
    royaltyPercent: '5',
    payees: [{ role: 'creatorA', percent: '100' }],
    listPrice: '0.05',
  },
  {
    slug: 'night-ferry',
    title: 'Night Ferry',
    genre: 'Electronic',
    licence: 'CC-BY-NC-4.0',
    blurb: 'A slow minor pulse on the chord-conditioned model, written with a co-writer (70/30 royalty split).',
    creator: 'creatorA',
    request: {
      modelId: IMPROV,
      seed: 20_261_202,
      bars: 8,
      tempo: 92,
      key: 'A',
      scale: 'minor',
      primer: { type: 'chords', progression: ['Am', 'F', 'C', 'G'] },
      style: 'half-time',
      instruments: { melody: 'pluck', chords: 'pad' },
    },
    royaltyPercent: '8',
    payees: [
      { role: 'creatorA', percent: '70' },
      { role: 'payeeA', percent: '30' },
    ],
  },
  {
    slug: 'glass-orchard',
    title: 'Glass Orchard',
    genre: 'Ambient',
    licence: 'CC-BY-4.0',
    blurb: 'Released on the demo label, which controls its split (70% artist, 30% label). Sold once in the Market.',
    creator: 'creatorB',
    request: {
      modelId: MELODY,
      seed: 20_261_203,
      bars: 8,
      tempo: 84,
      key: 'F',
      scale: 'major',
      primer: { type: 'chords', progression: ['F', 'C', 'Dm', 'Bb'] },
      style: 'none',
      instruments: { melody: 'flute', chords: 'pad' },
    },
    royaltyPercent: '10',
    payees: [
      { role: 'creatorB', percent: '70' },
      { role: 'label', percent: '30' },
    ],
    controller: 'label',
    listPrice: '0.2',
    sold: true,
    inLabel: true,
  },
  {
    slug: 'slow-meridian',
    title: 'Slow Meridian',
    genre: 'Jazz',
    licence: 'CC-BY-SA-4.0',
    blurb: 'A bossa sketch in D minor on the chord-conditioned model, on the demo label.',
    creator: 'creatorB',
    request: {
      modelId: IMPROV,
      seed: 20_261_204,
      bars: 8,
      tempo: 118,
      key: 'D',
      scale: 'minor',
      primer: { type: 'chords', progression: ['Dm', 'G', 'C', 'A'] },
      style: 'bossa',
      instruments: { melody: 'keys' },
    },
    royaltyPercent: '10',
    payees: [
      { role: 'creatorB', percent: '70' },
      { role: 'label', percent: '30' },
    ],
    controller: 'label',
    listPrice: '0.12',
    inLabel: true,
  },
  {
    slug: 'paper-kites',
    title: 'Paper Kites',
    genre: 'Folk',
    licence: 'CC0-1.0',
    blurb: 'A lilting tune in G, shared 60/40 with its producer; not for sale.',
    creator: 'creatorC',
    request: {
      modelId: MELODY,
      seed: 20_261_205,
      bars: 8,
      tempo: 112,
      key: 'G',
      scale: 'major',
      primer: { type: 'chords', progression: ['G', 'D', 'Em', 'C'] },
      style: 'rock',
    },
    royaltyPercent: '6',
    payees: [
      { role: 'creatorC', percent: '60' },
      { role: 'payeeB', percent: '40' },
    ],
  },
  {
    slug: 'tidewater',
    title: 'Tidewater',
    genre: 'Soundtrack',
    licence: 'CC-BY-4.0',
    blurb: 'A four-on-the-floor cue in E minor.',
    creator: 'creatorC',
    request: {
      modelId: IMPROV,
      seed: 20_261_206,
      bars: 8,
      tempo: 124,
      key: 'E',
      scale: 'minor',
      primer: { type: 'chords', progression: ['Em', 'C', 'G', 'D'] },
      style: 'four-on-the-floor',
      instruments: { melody: 'square', bass: 'subBass' },
    },
    royaltyPercent: '5',
    payees: [{ role: 'creatorC', percent: '100' }],
    listPrice: '0.03',
  },
];

/** The description a demo track's metadata carries. */
export function demoDescription(spec: Pick<DemoTrackSpec, 'blurb'>): string {
  return `${DEMO_DESCRIPTION_PREFIX}\n\n${spec.blurb}`;
}

/** The mint form's details for a spec, with the roles resolved to addresses. */
export function demoMintDetails(spec: DemoTrackSpec, accounts: DemoAccounts): MintDetails {
  return {
    title: spec.title,
    description: demoDescription(spec),
    genre: spec.genre,
    licence: spec.licence,
    split: {
      royaltyPercent: spec.royaltyPercent,
      payees: spec.payees.map((p) => ({ address: accounts[p.role].address, percent: p.percent })),
      controller: spec.controller ? accounts[spec.controller].address : '',
    },
    mode: 'mint',
    price: '0',
    artist: DEMO_PROFILE_NAMES[spec.creator],
  };
}
