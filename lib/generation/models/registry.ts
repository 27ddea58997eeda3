/**
 * The generation models Motif ships (public/models/<id>/) and the hosted Magenta checkpoints it can still load by URL.
 * Each shipped model is named by the CID of its checkpoint folder (config.json, weights_manifest.json, weight shards;
 * not the model card) computed with lib/ipfs/cid-of-files.ts `cidOfFolder` (UnixFS CIDv1, raw leaves, settings in
 * lib/ipfs/unixfs-settings.ts), so a generation manifest that records `weightsCid` names the exact weights.
 * The CID is the folder a loader fetches: exactly the `files` listed, and nothing else. MODEL_CARD.md and
 * DATA_FILES.sha256 are served beside them under `urlPath` but are outside the CID (documentation, not weights).
 * `npm start` pins each folder on the node (lib/generation/models/pin-shipped-weights.ts), so
 * `/ipfs/<weightsCid>/config.json` and the rest are served by CID as well as under `urlPath`.
 * test/models/registry.test.ts recomputes every CID from the files; test/models/weights-by-cid.test.ts fetches them.
 */
import { isComposingFamily, ModelCapabilityError, type ComposingFamily, type ModelFamily } from './adapter';
import { MUSIC_RNN_FAMILY } from './musicrnn/family';
import { MUSIC_VAE_FAMILY } from './vae/family';
import { BaseError } from '../../errors/base';

export type ModelTask = 'melody' | 'chord-melody';

export type ShippedModel = {
  source: 'shipped';
  id: string;
  task: ModelTask;
  family: ModelFamily;
  /** URL path under the site root (Next serves public/ at /). */
  urlPath: string;
  /** CID of the checkpoint folder: exactly `files`, the files a loader needs. */
  weightsCid: string;
  /** Every file the CID covers (config.json, weights_manifest.json, shards), by name; the model card is not one. */
  files: ReadonlyArray<{ path: string; bytes: number }>;
  minPitch: number;
  maxPitch: number;
  chordEncoder?: 'PitchChordEncoder';
  /** Reads each step's meter and bar position (lib/generation/notes/meter-encoding.ts): writes 3/4 and 6/8 as such. */
  meterEncoder?: 'MotifMeterEncoder';
  architecture: string;
  /** Licence of the weights, from the training data (see the model card). */
  license: string;
  trainingData: string;
  card: string;
};

export type HostedModel = {
  source: 'hosted';
  id: string;
  task: ModelTask;
  family: ModelFamily;
  /** Magenta's public checkpoint bucket: not reachable from the build machines, selectable in the studio. */
  url: string;
  chordEncoder?: 'PitchChordEncoder';
};

export type RegisteredModel = ShippedModel | HostedModel;

export class UnknownModelError extends BaseError {
  override name = 'UnknownModelError';
  constructor(id: string) {
    super(`unknown model: ${id}`);
  }
}

export const SHIPPED_MODELS: readonly ShippedModel[] = [
  /* @generated shipped-models: written by scripts/models/register.ts */
  {
    source: 'shipped',
    id: 'motif-melody-2x256-v2',
    task: 'melody',
    family: 'MusicRNN',
    urlPath: '/models/motif-melody-2x256-v2',
    weightsCid: 'bafybeibnrp7q3emevbdaxsia7lmxxtoi4owoao3nbjyqimcrqdmswmbg5a',
    files: [
      { path: 'config.json', bytes: 184 },
      { path: 'group1-shard1of1', bytes: 3463320 },
      { path: 'weights_manifest.json', bytes: 1009 },
    ],
    minPitch: 48,
    maxPitch: 83,
    meterEncoder: 'MotifMeterEncoder',
    architecture:
      'MusicRNN, MotifMeterEncoder (28: meter class + step in bar) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData:
      'Nottingham (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10) + JSB chorale sopranos (czhuang/JSB-Chorales-dataset@9a7f733, published split); bar positions from the Nottingham time signatures',
    card: '/models/motif-melody-2x256-v2/MODEL_CARD.md',
  },
  {
    source: 'shipped',
    id: 'motif-improv-2x256-v2',
    task: 'chord-melody',
    family: 'MusicRNN',
    urlPath: '/models/motif-improv-2x256-v2',
    weightsCid: 'bafybeid3pw3j4n3eggcjfcdnjwpgpqemnekz5257z2d4xq6j4govolcj3i',
    files: [
      { path: 'config.json', bytes: 223 },
      { path: 'group1-shard1of2', bytes: 1474560 },
      { path: 'group1-shard2of2', bytes: 2140312 },
      { path: 'weights_manifest.json', bytes: 1087 },
    ],
    minPitch: 48,
    maxPitch: 83,
    chordEncoder: 'PitchChordEncoder',
    meterEncoder: 'MotifMeterEncoder',
    architecture:
      'MusicRNN (ImprovRNN design), PitchChordEncoder (37) + MotifMeterEncoder (28) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0)',
    trainingData:
      'Nottingham melodies + chord tracks (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10); bar positions from the time signatures',
    card: '/models/motif-improv-2x256-v2/MODEL_CARD.md',
  },
  {
    source: 'shipped',
    id: 'motif-melody-2x256-v1',
    task: 'melody',
    family: 'MusicRNN',
    urlPath: '/models/motif-melody-2x256-v1',
    weightsCid: 'bafybeiagrwcwdfkekfikyo756dfuww7io4usjkgb7nl4at4ptdivmndpee',
    files: [
      { path: 'config.json', bytes: 145 },
      { path: 'group1-shard1of1', bytes: 3348632 },
      { path: 'weights_manifest.json', bytes: 1009 },
    ],
    minPitch: 48,
    maxPitch: 83,
    architecture: 'MusicRNN, MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData:
      'Nottingham (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10) + JSB chorale sopranos (czhuang/JSB-Chorales-dataset@9a7f733, published split)',
    card: '/models/motif-melody-2x256-v1/MODEL_CARD.md',
  },
  {
    source: 'shipped',
    id: 'motif-improv-2x256-v1',
    task: 'chord-melody',
    family: 'MusicRNN',
    urlPath: '/models/motif-improv-2x256-v1',
    weightsCid: 'bafybeibzklnd6x24rsxelleryr5trrs5i3pbklalo4tnm53w7lyjsjozpa',
    files: [
      { path: 'config.json', bytes: 184 },
      { path: 'group1-shard1of2', bytes: 3461120 },
      { path: 'group1-shard2of2', bytes: 39064 },
      { path: 'weights_manifest.json', bytes: 1087 },
    ],
    minPitch: 48,
    maxPitch: 83,
    chordEncoder: 'PitchChordEncoder',
    architecture:
      'MusicRNN (ImprovRNN design), PitchChordEncoder (37) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0)',
    trainingData:
      'Nottingham melodies + chord tracks (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10)',
    card: '/models/motif-improv-2x256-v1/MODEL_CARD.md',
  },
];

/**
 * A shipped latent model (MusicVAE, ./vae): content-addressed and pinned like the sequence models, but apart from
 * SHIPPED_MODELS, whose users compose with them. Written by hand after `npm run models:train-vae` (the trainer prints
 * nothing to paste: run `checkpointCid`); test/models/registry.test.ts recomputes weightsCid and files.
 */
export type ShippedLatentModel = Omit<ShippedModel, 'task' | 'family' | 'chordEncoder' | 'meterEncoder'> & {
  task: 'melody-2bar-latent';
  family: typeof MUSIC_VAE_FAMILY;
  /** Sixteenth steps of the passages it encodes and decodes (2 bars of 4/4). */
  steps: number;
};

export const SHIPPED_LATENT_MODELS: readonly ShippedLatentModel[] = [
  {
    source: 'shipped',
    id: 'motif-vae-2bar-v1',
    task: 'melody-2bar-latent',
    family: 'MusicVAE',
    urlPath: '/models/motif-vae-2bar-v1',
    weightsCid: 'bafybeib75d64i3h3q7weqko36ilyekm2xs4kojuilivpnicnthihzpzjb4',
    files: [
      { path: 'config.json', bytes: 386 },
      { path: 'group1-shard1of1', bytes: 2162968 },
      { path: 'weights_manifest.json', bytes: 2041 },
    ],
    minPitch: 48,
    maxPitch: 83,
    steps: 32,
    architecture:
      'MusicVAE (2-bar melody), MelodyConverter 48..83 (38 events), bidirectional LSTM encoder 128, z 32, LSTM decoder 256 conditioned on z (initial state + input)',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData:
      'Nottingham (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10) + JSB chorale sopranos (czhuang/JSB-Chorales-dataset@9a7f733, published split): bar-aligned 2-bar windows',
    card: '/models/motif-vae-2bar-v1/MODEL_CARD.md',
  },
];

export function getShippedLatentModel(id: string): ShippedLatentModel {
  const m = SHIPPED_LATENT_MODELS.find((x) => x.id === id);
  if (!m) throw new UnknownModelError(id);
  return m;
}

export const HOSTED_MODELS: readonly HostedModel[] = [
  {
    source: 'hosted',
    id: 'magenta/basic_rnn',
    task: 'melody',
    family: 'MusicRNN',
    url: 'https://storage.googleapis.com/magentadata/js/checkpoints/music_rnn/basic_rnn',
  },
  {
    source: 'hosted',
    id: 'magenta/melody_rnn',
    task: 'melody',
    family: 'MusicRNN',
    url: 'https://storage.googleapis.com/magentadata/js/checkpoints/music_rnn/melody_rnn',
  },
  {
    source: 'hosted',
    id: 'magenta/chord_pitches_improv',
    task: 'chord-melody',
    family: 'MusicRNN',
    url: 'https://storage.googleapis.com/magentadata/js/checkpoints/music_rnn/chord_pitches_improv',
    chordEncoder: 'PitchChordEncoder',
  },
];

export const MODEL_REGISTRY: readonly RegisteredModel[] = [...SHIPPED_MODELS, ...HOSTED_MODELS];

export function getModel(id: string): RegisteredModel {
  const m = MODEL_REGISTRY.find((x) => x.id === id);
  if (!m) throw new UnknownModelError(id);
  return m;
}

/**
 * The family a manifest records for the model a track was composed with: the registry's entry, or, for a checkpoint
 * the studio loaded by URL (`url:` ids), MusicRNN, the one family whose adapter loads a checkpoint by URL.
 */
export function familyOfModelId(id: string): ComposingFamily {
  const family = MODEL_REGISTRY.find((m) => m.id === id)?.family ?? MUSIC_RNN_FAMILY;
  if (!isComposingFamily(family)) throw new ModelCapabilityError(family, 'compose');
  return family;
}

export function getShippedModel(id: string): ShippedModel {
  const m = SHIPPED_MODELS.find((x) => x.id === id);
  if (!m) throw new UnknownModelError(id);
  return m;
}

/** The default shipped model for a task. */
export function defaultModel(task: ModelTask): ShippedModel {
  const m = SHIPPED_MODELS.find((x) => x.task === task);
  if (!m) throw new UnknownModelError(`default ${task} model`);
  return m;
}

/** The checkpoint folder URL a family's adapter loads: `origin + urlPath` for shipped models, the bucket URL for hosted ones. */
export function checkpointUrl(model: RegisteredModel, origin = ''): string {
  return model.source === 'shipped' ? `${origin.replace(/\/$/, '')}${model.urlPath}` : model.url;
}
