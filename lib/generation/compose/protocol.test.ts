import { describe, expect, it } from 'vitest';
import { arrange } from '../arrangement/arrange';
import { composeRequestJsonSchema, defaultComposeRequest, parseComposeRequest, ComposeRequestError } from './request';
import { toWorkerSchema } from './protocol';

const a = arrange({ melody: [], progression: ['C'], bars: 1, tempo: 120, key: 'C', scale: 'major', style: 'rock' });

describe('worker protocol', () => {
  it('accepts each message kind and rejects malformed ones', () => {
    expect(toWorkerSchema.parse({ type: 'load', id: 1, modelId: 'm', url: 'http://127.0.0.1/models/m' }).type).toBe(
      'load',
    );
    expect(toWorkerSchema.parse({ type: 'compose', id: 2, request: defaultComposeRequest() }).type).toBe('compose');
    expect(
      toWorkerSchema.parse({
        type: 'regenerateBar',
        id: 3,
        arrangement: a,
        bar: 0,
        seed: 1,
        temperature: 1,
        snapToScale: true,
      }).type,
    ).toBe('regenerateBar');
    expect(toWorkerSchema.parse({ type: 'render', id: 4, arrangement: a, sampleRate: 44_100 }).type).toBe('render');
    expect(toWorkerSchema.parse({ type: 'cancel', id: 2 }).type).toBe('cancel');
    expect(toWorkerSchema.safeParse({ type: 'load', id: 1, modelId: 'm', url: '/relative' }).success).toBe(false);
    expect(
      toWorkerSchema.safeParse({ type: 'render', id: 4, arrangement: { ...a, version: 2 }, sampleRate: 44_100 })
        .success,
    ).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'explode', id: 1 }).success).toBe(false);
  });
});

describe('compose request', () => {
  it('round-trips through JSON and rejects unknown fields and bad values', () => {
    const req = defaultComposeRequest({ seed: 0xffffffff });
    expect(parseComposeRequest(JSON.parse(JSON.stringify(req)))).toEqual(req);
    expect(() => parseComposeRequest({ ...req, extra: 1 })).toThrow(ComposeRequestError);
    expect(() => parseComposeRequest({ ...req, seed: -1 })).toThrow(ComposeRequestError);
    expect(() => parseComposeRequest({ ...req, key: 'H' })).toThrow(ComposeRequestError);
    expect(() =>
      parseComposeRequest({
        ...req,
        primer: { type: 'melody', notes: [{ pitch: 60, quantizedStartStep: 9, quantizedEndStep: 10 }], totalSteps: 8 },
      }),
    ).toThrow(/start inside the primer/);
    expect(JSON.stringify(composeRequestJsonSchema())).toContain('"snapToScale"');
  });
});
