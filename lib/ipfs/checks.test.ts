import { describe, expect, it } from 'vitest';
import { makeMidi, makeWav, NOTES } from '../../test/provenance/fixtures';
import { coverSvg } from './cover-image';
import { checkSize, PayloadTooLargeError, TRACK_LIMITS } from './limits';
import { backoffDelay, isTransientError, PermanentError, RetriesExhaustedError, withRetry } from './retry';
import { sniffMidi, sniffWav, UnsupportedMediaTypeError } from './sniff';
import { notesFromMidi } from './track-folder';

describe('limits', () => {
  it('413 with the limit in the message', () => {
    expect(() => checkSize('midi', TRACK_LIMITS.midi)).not.toThrow();
    const error = (() => {
      try {
        checkSize('midi', TRACK_LIMITS.midi + 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expect((error as Error).message).toMatch(/limit is 1 MiB \(1048576 bytes\)/);
  });
});

describe('content sniffing', () => {
  it('accepts a real WAV and reads its format', () => {
    expect(sniffWav(makeWav(0.5, 8000))).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, durationSeconds: 0.5 });
  });
  it('415 for MP3, Ogg, truncated or renamed files', () => {
    for (const bytes of [new TextEncoder().encode('ID3\u0003\u0000 not a wav file'), new TextEncoder().encode('OggS....'), makeWav().slice(0, 20), makeMidi()]) {
      expect(() => sniffWav(bytes)).toThrow(UnsupportedMediaTypeError);
    }
  });
  it('accepts a Standard MIDI File and refuses others', () => {
    expect(sniffMidi(makeMidi())).toMatchObject({ format: 1, division: 480 });
    expect(() => sniffMidi(makeWav())).toThrow(/Standard MIDI File/);
    expect(() => sniffMidi(makeMidi().slice(0, 14))).toThrow(/MTrk/);
  });
});

describe('retry with back-off', () => {
  it('doubles the delay up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(a, { baseDelayMs: 100, maxDelayMs: 500, jitter: 0 }))).toEqual([100, 200, 400, 500, 500]);
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 0.5 }, () => 0)).toBe(50);
  });
  it('retries transient errors, not permanent ones', async () => {
    let n = 0;
    const slept: number[] = [];
    const value = await withRetry(
      async () => {
        if (++n < 3) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return 'ok';
      },
      { baseDelayMs: 10, jitter: 0, sleep: async (ms) => void slept.push(ms) },
    );
    expect(value).toBe('ok');
    expect(slept).toEqual([10, 20]);
    await expect(withRetry(async () => { throw new PermanentError('bad'); }, { sleep: async () => undefined })).rejects.toBeInstanceOf(PermanentError);
    await expect(withRetry(async () => { throw Object.assign(new Error('x'), { response: { status: 503 } }); }, { attempts: 2, sleep: async () => undefined })).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(isTransientError(Object.assign(new Error('x'), { response: { status: 404 } }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('x'), { status: 429 }))).toBe(true);
  });
  it('stops when aborted', async () => {
    const c = new AbortController();
    c.abort(new Error('stop'));
    await expect(withRetry(async () => 1, { signal: c.signal })).rejects.toThrow('stop');
  });
});

describe('cover image', () => {
  it('is a deterministic SVG piano roll of the notes, independent of their order', () => {
    const a = coverSvg(NOTES, { title: 'T & <x>' });
    expect(a).toBe(coverSvg([...NOTES].reverse(), { title: 'T & <x>' }));
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(a).toContain('T &amp; &lt;x&gt;');
    expect((a.match(/rx=/g) ?? []).length).toBe(NOTES.length);
    expect(coverSvg(NOTES.slice(1))).not.toBe(coverSvg(NOTES));
  });
  it('reads the same notes back from the MIDI file it is drawn from', () => {
    expect(notesFromMidi(makeMidi(NOTES))).toEqual(NOTES);
  });
});
