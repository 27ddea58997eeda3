import { describe, expect, it } from 'vitest';
import { C2paChunkError, splitC2paChunk } from './essence';

/** A RIFF/WAVE file of the given top-level chunks (each padded to an even length with a 0 byte). */
function riff(chunks: [string, Uint8Array][]): Uint8Array {
  const parts = chunks.map(([id, data]) => {
    const out = Buffer.alloc(8 + data.byteLength + (data.byteLength % 2));
    out.write(id, 0, 'latin1');
    out.writeUInt32LE(data.byteLength, 4);
    out.set(data, 8);
    return out;
  });
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...parts]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.byteLength, 4);
  return new Uint8Array(Buffer.concat([head, body]));
}
const fmt = new Uint8Array(16).fill(1);
const data = new Uint8Array(7).fill(2); // odd: padded

describe('splitC2paChunk (docs/provenance/c2pa.md)', () => {
  it('removes a trailing C2PA chunk (with its pad byte) and restores the RIFF size', () => {
    const essence = riff([
      ['fmt ', fmt],
      ['data', data],
    ]);
    const published = riff([
      ['fmt ', fmt],
      ['data', data],
      ['C2PA', new Uint8Array([9, 9, 9])],
    ]);
    const split = splitC2paChunk(published);
    expect(split.essence).toEqual(essence);
    expect(split.manifestStore).toEqual(new Uint8Array([9, 9, 9]));
    expect(split.chunkOffset).toBe(essence.byteLength);
  });

  it('a file without a C2PA chunk is its own essence', () => {
    const wav = riff([
      ['fmt ', fmt],
      ['data', data],
    ]);
    expect(splitC2paChunk(wav)).toEqual({ essence: wav, manifestStore: null, chunkOffset: null });
  });

  it.each([
    [
      'a C2PA chunk that is not the last',
      riff([
        ['fmt ', fmt],
        ['C2PA', new Uint8Array(4)],
        ['data', data],
      ]),
      /must be the last/,
    ],
    [
      'two C2PA chunks',
      riff([
        ['fmt ', fmt],
        ['data', data],
        ['C2PA', new Uint8Array(4)],
        ['C2PA', new Uint8Array(4)],
      ]),
      /more than one/,
    ],
    [
      'a RIFF size that is not the file length - 8',
      (() => {
        const w = riff([
          ['fmt ', fmt],
          ['data', data],
        ]);
        w[4] = (w[4] ?? 0) + 2;
        return w;
      })(),
      /RIFF size field/,
    ],
    [
      'a chunk running past the end',
      riff([
        ['fmt ', fmt],
        ['data', data],
      ]).slice(0, -2),
      /RIFF size field/,
    ],
    [
      'a non-zero pad byte after an odd-sized C2PA chunk',
      (() => {
        const w = riff([
          ['fmt ', fmt],
          ['data', data],
          ['C2PA', new Uint8Array(3)],
        ]);
        w[w.length - 1] = 7;
        return w;
      })(),
      /pad byte/,
    ],
    ['not RIFF/WAVE', new Uint8Array(20), /not a RIFF\/WAVE file/],
  ])('refuses %s', (_name, wav, reason) => {
    expect(() => splitC2paChunk(wav)).toThrow(C2paChunkError);
    expect(() => splitC2paChunk(wav)).toThrow(reason);
  });
});
