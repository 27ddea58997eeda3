import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../export/wav';
import { cidOfBytes } from '../../../ipfs/cid-of-files';
import { pcmSha256, pcmSha256Async } from './digest';
import { DEFAULT_SF_MIX, sfMixSchema, type SfMix } from './gm';
import { lufsOf } from './loudness';
import { readShippedSoundFont, shippedSoundBank } from './node-soundfont';
import { renderWithSoundFont } from './sf-renderer';
import { SOUNDFONT } from './soundfont';
import { SF_SYNTHESIZER } from './record';
import { sfTestArrangement } from './test-arrangement';
import { secondsPerStep, type Arrangement } from '../../arrangement/types';

const dir = mkdtempSync(path.join(tmpdir(), 'motif-sf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Debian's ffmpeg ebur128 meter (scripts/ensure-ffmpeg.sh): integrated loudness and true peak of a WAV file. */
function ffmpegLoudness(file: string): { lufs: number; truePeak: number } {
  const r = spawnSync(
    '/usr/bin/ffmpeg',
    ['-hide_banner', '-nostats', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed (${r.status}): ${r.stderr}`);
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const lufs = /I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1];
  const peak = /Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1];
  if (lufs === undefined || peak === undefined) throw new Error(`no ebur128 summary in: ${summary}`);
  return { lufs: Number(lufs), truePeak: Number(peak) };
}

describe('SoundFont renderer', () => {
  it('names the synthesizer at the exact version package.json pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(SF_SYNTHESIZER).toBe(`spessasynth_core@${pkg.dependencies.spessasynth_core}`);
  });

  it('ships the pinned SoundFont (sha256 and CID)', async () => {
    const bytes = await readShippedSoundFont();
    expect(bytes.length).toBe(SOUNDFONT.size);
    expect((await cidOfBytes(bytes)).toString()).toBe(SOUNDFONT.cid);
  });

  it('renders the same PCM twice, and a different mix differently', async () => {
    const bank = await shippedSoundBank();
    const a = sfTestArrangement(4);
    const one = await renderWithSoundFont(a, DEFAULT_SF_MIX, bank, { sampleRate: 44_100 });
    const two = await renderWithSoundFont(a, DEFAULT_SF_MIX, bank, { sampleRate: 44_100 });
    expect(pcmSha256(two.channels)).toBe(pcmSha256(one.channels));
    // the WebCrypto digest the request path and the re-render use is the same sha256
    expect(await pcmSha256Async(one.channels)).toBe(pcmSha256(one.channels));
    const panned: SfMix = {
      ...DEFAULT_SF_MIX,
      tracks: DEFAULT_SF_MIX.tracks.map((t) => (t.track === 'melody' ? { ...t, preset: 'piano', pan: 20 } : t)),
    };
    const three = await renderWithSoundFont(a, panned, bank, { sampleRate: 44_100 });
    expect(pcmSha256(three.channels)).not.toBe(pcmSha256(one.channels));
  });

  it('masters to -14 LUFS integrated under -1 dBTP, as ffmpeg ebur128 measures it', async () => {
    const bank = await shippedSoundBank();
    const r = await renderWithSoundFont(sfTestArrangement(16), DEFAULT_SF_MIX, bank, { sampleRate: 44_100 });
    expect(Math.abs(lufsOf(r.master.meanSquare) + 14)).toBeLessThan(0.05);
    const file = path.join(dir, 'master.wav');
    writeFileSync(file, encodeWav16({ sampleRate: r.sampleRate, channels: r.channels }));
    const measured = ffmpegLoudness(file);
    expect(Math.abs(measured.lufs + 14)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1);
  });

  it('starts and stops a note at step + offsetTicks / 120: the sound begins that many frames later, bit for bit', async () => {
    const bank = await shippedSoundBank();
    const base = sfTestArrangement(2);
    const one = (offsetTicks?: number): Arrangement => ({
      ...base,
      tracks: base.tracks.map((t) =>
        t.id === 'melody'
          ? {
              ...t,
              solo: true,
              notes: [
                {
                  pitch: 67,
                  quantizedStartStep: 4,
                  quantizedEndStep: 8,
                  velocity: 100,
                  ...(offsetTicks ? { offsetTicks } : {}),
                },
              ],
            }
          : t,
      ),
    });
    const rate = 44_100;
    const render = async (o?: number) =>
      (await renderWithSoundFont(one(o), DEFAULT_SF_MIX, bank, { sampleRate: rate })).channels;
    const firstSound = (ch: readonly Float32Array[]) => ch[0]?.findIndex((v) => v !== 0) ?? -1;
    const grid = await render();
    const late = await render(36);
    const early = await render(-48);
    const frame = (step: number) => Math.round(step * secondsPerStep(base.tempo) * rate);
    expect(firstSound(grid)).toBeGreaterThanOrEqual(frame(4));
    expect(firstSound(late) - firstSound(grid)).toBe(frame(4 + 36 / 120) - frame(4));
    expect(firstSound(early) - firstSound(grid)).toBe(frame(4 - 48 / 120) - frame(4));
    // the same offset renders the same PCM again; the offset changes it
    expect(pcmSha256(await render(36))).toBe(pcmSha256(late));
    expect(pcmSha256(late)).not.toBe(pcmSha256(grid));
  });

  it('refuses a drum kit on a pitched track and a GM program on the drums', () => {
    const swap = (track: string, preset: string) => ({
      ...DEFAULT_SF_MIX,
      tracks: DEFAULT_SF_MIX.tracks.map((t) => (t.track === track ? { ...t, preset } : t)),
    });
    expect(sfMixSchema.safeParse(DEFAULT_SF_MIX).success).toBe(true);
    expect(sfMixSchema.safeParse(swap('melody', 'standardKit')).success).toBe(false);
    expect(sfMixSchema.safeParse(swap('drums', 'piano')).success).toBe(false);
  });
});
