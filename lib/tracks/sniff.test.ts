import { describe, expect, it } from 'vitest';
import { makeMidi } from '../../test/provenance/fixtures';
import { sniffMidi, UnsupportedMediaTypeError } from './sniff';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const header = (division: string, tracks = '0001') => `4d546864 00000006 0001 ${tracks} ${division}`;
const track = (events: string) =>
  `4d54726b ${(events.replace(/\s/g, '').length / 2).toString(16).padStart(8, '0')} ${events}`;
const refused = (bytes: Uint8Array) => {
  try {
    sniffMidi(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('sniffMidi', () => {
  it('accepts a file written by the library the studio exports with (tempo track + note track)', () => {
    expect(sniffMidi(makeMidi())).toMatchObject({ format: 1, division: 480 });
  });

  it('accepts a well-formed track with running status, meta and end of track', () => {
    const bytes = hex(header('0060') + track('00 903c40 60 3c00 00 ff2f00'));
    expect(sniffMidi(bytes)).toEqual({ format: 1, tracks: 1, division: 0x60 });
  });

  it('refuses the file that made the parser loop forever (SMPTE division, events past the chunk)', () => {
    const bytes = hex(
      '4d546864000000060001 0001 c73e 4d54726b00000021 b5f2ab51902a7eefbcfd9090872fff90fffaa3df3c1afbaccf61e12f88863bc70e',
    );
    expect(refused(bytes)).toMatch(/division/);
  });

  it('refuses events that run past their chunk, chunks past the file, a wrong track count and absurd lengths', () => {
    expect(refused(hex(header('0060') + track('00 ff51 05 07a120')))).toMatch(/runs past its track/);
    expect(refused(hex(header('0060') + '4d54726b 00000010 00ff2f00'))).toMatch(/runs past the end of the file/);
    expect(refused(hex(header('0060', '0002') + track('00 ff2f00')))).toMatch(/promises 2 tracks/);
    expect(refused(hex(header('0001') + track('8fffff7f 903c40 00 ff2f00')))).toMatch(
      /longer than 100000 quarter notes/,
    );
    expect(refused(hex(header('0060') + track('00 3c40')))).toMatch(/no running status/);
    expect(refused(hex(header('0060') + track('00 f8')))).toMatch(/system message/);
  });

  it('refuses meta events the parser cannot read (a 9-byte tempo)', () => {
    expect(refused(hex(header('0060') + track('00 ff5109 000000000000000000 00 ff2f00')))).toMatch(/unreadable events/);
  });
});
