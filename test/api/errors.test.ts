import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, errorResponse, issueLines, toErrorResponse } from '../../app/api/_http/errors';
import { BaseError } from '../../lib/errors/base';
import { PayloadTooLargeError } from '../../lib/tracks/limits';

describe('the one API error body', () => {
  it('answers an ApiError with its status, message, issues and reason, never cached', async () => {
    const res = toErrorResponse(new ApiError(409, 'Taken', { issues: ['name: in use'], reason: 'duplicate' }));
    expect(res?.status).toBe(409);
    expect(res?.headers.get('cache-control')).toBe('no-store');
    await expect(res?.json()).resolves.toEqual({ error: 'Taken', issues: ['name: in use'], reason: 'duplicate' });
  });

  it('finds an ApiError wrapped as the cause of another error', async () => {
    const wrapped = new BaseError('Saving failed', { cause: new ApiError(403, 'Not yours') });
    const res = toErrorResponse(wrapped);
    expect(res?.status).toBe(403);
    await expect(res?.json()).resolves.toEqual({ error: 'Not yours' });
  });

  it('answers a lib error that carries its HTTP status (413 of the upload limits)', async () => {
    const res = toErrorResponse(new PayloadTooLargeError('wav', 2048, 1024));
    expect(res?.status).toBe(413);
    await expect(res?.json()).resolves.toMatchObject({ error: expect.stringMatching(/^wav is .*the limit is/) });
  });

  it('leaves anything else to the caller (a bug is a 500, not a guessed status)', () => {
    expect(toErrorResponse(new Error('boom'))).toBeNull();
    expect(toErrorResponse('boom')).toBeNull();
    expect(toErrorResponse(Object.assign(new Error('odd'), { status: 200 }))).toBeNull();
  });

  it('writes zod issues as "field: message" lines', () => {
    const parsed = z
      .object({ name: z.string().min(2, 'too short'), tags: z.array(z.string()) })
      .safeParse({ name: 'a', tags: [1] });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(issueLines(parsed.error)).toEqual(['name: too short', expect.stringMatching(/^tags\.0: /)]);
  });

  it('errorResponse keeps extra headers', () => {
    expect(errorResponse(429, { error: 'Slow down' }, { 'retry-after': '3' }).headers.get('retry-after')).toBe('3');
  });
});
