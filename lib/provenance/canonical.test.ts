import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { CanonicalizationError } from './errors';

describe('canonicalJson (RFC 8785)', () => {
  it('RFC 8785 section 3.2.2 example: literals, numbers and string escapes', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('RFC 8785 section 3.2.3: keys sorted by UTF-16 code units (not code points, not locale)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('RFC 8785 appendix B number serialisation (ECMAScript Number.toString)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [5e-324, '5e-324'],
      [-5e-324, '-5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [-9007199254740992, '-9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [4.5, '4.5'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
  });

  it('sorts nested objects, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: [3, 1, { z: 1, a: 2 }], a: { d: null, c: 'x' } })).toBe(
      '{"a":{"c":"x","d":null},"b":[3,1,{"a":2,"z":1}]}',
    );
  });

  it('does not normalise Unicode: precomposed and decomposed forms differ; control chars are escaped', () => {
    expect(canonicalJson('\u00e9')).not.toBe(canonicalJson('e\u0301'));
    expect(canonicalJson('\u001f\u007f')).toBe('"\\u001f\u007f"');
    expect(canonicalJson('\u2028')).toBe('"\u2028"');
  });

  it('refuses values JSON cannot carry instead of silently changing them', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(CanonicalizationError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(CanonicalizationError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(CanonicalizationError);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(CanonicalizationError);
    expect(() => canonicalJson({ a: 1n })).toThrow(CanonicalizationError);
  });
});
