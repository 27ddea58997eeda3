import { describe, expect, it } from 'vitest';
import { makeMidi, makeWav } from '../../test/provenance/fixtures';
import { TRACK_LIMITS } from '../provenance/track-limits';
import { checkSize, PayloadTooLargeError } from './limits';
import { sniffMidi, sniffWav, UnsupportedMediaTypeError } from './sniff';

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
    expect(sniffWav(makeWav(0.5, 8000))).toMatchObject({
      format: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      durationSeconds: 0.5,
    });
  });
  it('415 for MP3, Ogg, truncated or renamed files', () => {
    for (const bytes of [
      new TextEncoder().encode('ID3\u0003\u0000 not a wav file'),
      new TextEncoder().encode('OggS....'),
      makeWav().slice(0, 20),
      makeMidi(),
    ]) {
      expect(() => sniffWav(bytes)).toThrow(UnsupportedMediaTypeError);
    }
  });
  it('accepts a Standard MIDI File and refuses others', () => {
    expect(sniffMidi(makeMidi())).toMatchObject({ format: 1, division: 480 });
    expect(() => sniffMidi(makeWav())).toThrow(/Standard MIDI File/);
    expect(() => sniffMidi(makeMidi().slice(0, 14))).toThrow(/MTrk/);
  });
});
