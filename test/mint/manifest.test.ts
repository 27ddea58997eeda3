/**
 * A mint draft from a studio session (the studio's compose with the shipped melody model, then edits) gives a manifest
 * that the default Node replay reproduces: generatedDigest = ComposeResult.digest, finalDigest via applyEdits.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type ComposeResult } from '../../lib/generation/compose/compose';
import { defaultComposeRequest } from '../../lib/generation/compose/request';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { defaultModel } from '../../lib/generation/models/registry';
import { newDraft, type MintDraft } from '../../lib/mint/draft';
import { DraftMismatchError, manifestForDraft } from '../../lib/mint/manifest';
import {
  IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
  IPTC_TRAINED_ALGORITHMIC_MEDIA,
} from '../../lib/provenance/disclosure';
import { createNodeReplay, type NodeReplay } from '../../lib/provenance/replay-node';
import { makeMidi, makeWav } from '../provenance/fixtures';

const model = defaultModel('melody');
const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let rnn: MusicRnnInstance;
let replay: NodeReplay;
let result: ComposeResult;

function draftOf(r: ComposeResult, ops: EditOp[]): MintDraft {
  return newDraft({
    id: 'x',
    now: '2026-11-24T10:00:00.000Z',
    session: {
      request: r.request,
      digest: r.digest,
      progression: r.progression,
      backend: r.backend,
      composed: r.arrangement,
      ops,
      render: { engine: 'js', instrument: 'mix', sampleRate: 8000, channels: 1, bitDepth: 16, durationSeconds: 0.25 },
      weightsCid: model.weightsCid,
    },
    wav: makeWav(),
    midi: makeMidi(),
  });
}

beforeAll(async () => {
  rnn = await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', model.urlPath));
  replay = createNodeReplay();
  result = await compose(rnn, defaultComposeRequest({ modelId: model.id, seed: 7, bars: 2 }), { engine: 'js' });
});
afterAll(() => {
  rnn?.dispose();
  replay?.dispose();
});

describe('manifest of a mint draft', () => {
  it('with edits: composite disclosure, and the Node replay reproduces both digests', async () => {
    const ops: EditOp[] = [
      { op: 'transpose', semitones: 1, tracks: ['melody', 'bass'] },
      { op: 'setMute', track: 'drums', muted: true },
    ];
    const m = await manifestForDraft(draftOf(result, ops), CREATOR, '2026-11-24T10:01:00.000Z');
    expect(m.notes.generatedDigest).toBe(result.digest);
    expect(m.notes.finalDigest).not.toBe(result.digest);
    expect(m.aiDisclosure.digitalSourceType).toBe(IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA);
    expect(m.edits.summary).toMatchObject({ total: 2, transpose: 1, setMute: 1 });
    expect(m.model).toEqual({ id: model.id, family: 'MusicRNN', weightsCid: model.weightsCid, backend: 'cpu-js' });
    expect(m.generation).toMatchObject({
      seed: 7,
      bars: 2,
      key: 'C',
      scale: 'major',
      tempo: 112,
      chordsPerBar: result.progression,
      sampler: { id: 'motif.sfc32-categorical', version: 1 },
      arrangement: { id: 'motif.arrange', version: 1 },
    });
    await expect(replay(m)).resolves.toBe(m.notes.generatedDigest);
  });

  it('without edits: trained algorithmic media, final = generated', async () => {
    const m = await manifestForDraft(draftOf(result, []), CREATOR, '2026-11-24T10:01:00.000Z');
    expect(m.aiDisclosure).toEqual({ digitalSourceType: IPTC_TRAINED_ALGORITHMIC_MEDIA, humanEdited: false });
    expect(m.notes.finalDigest).toBe(m.notes.generatedDigest);
    await expect(replay(m)).resolves.toBe(m.notes.generatedDigest);
  });

  it('refuses a draft whose arrangement is not what the studio reported', async () => {
    await expect(
      manifestForDraft(
        draftOf({ ...result, digest: `sha256:${'0'.repeat(64)}` }, []),
        CREATOR,
        '2026-11-24T10:01:00.000Z',
      ),
    ).rejects.toBeInstanceOf(DraftMismatchError);
  });
});
