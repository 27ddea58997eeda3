import { describe, expect, it } from 'vitest';
import { creditFieldErrors, creditFormFields } from './credits';

describe('mint form credits', () => {
  it('sends only what was typed: artist and ISRC when given, credits without empty rows', () => {
    expect(creditFormFields({})).toEqual({ credits: '[]' });
    expect(
      creditFormFields({
        artist: '  Ada  ',
        isrc: ' GB-XYZ-26-00042 ',
        credits: [
          { name: ' Charles ', role: 'Producer' },
          { name: '', role: '' },
        ],
      }),
    ).toEqual({
      artist: 'Ada',
      isrc: 'GB-XYZ-26-00042',
      credits: JSON.stringify([{ name: 'Charles', role: 'Producer' }]),
    });
  });

  it('flags a malformed ISRC, a half-filled credit row and a role that credits the model', () => {
    expect(creditFieldErrors({ artist: '', isrc: '', credits: [{ name: '', role: '' }] })).toEqual([]);
    const errors = creditFieldErrors({
      isrc: 'GB-XYZ-26',
      credits: [
        { name: 'Ada', role: '' },
        { name: 'Bot', role: 'AI composer' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['isrc', 'credits.0', 'credits.1']);
    expect(errors[2]?.message).toMatch(/credited as a tool/);
  });
});
