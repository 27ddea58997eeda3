'use client';

import { BaseError } from '../../lib/errors/base';

/** fetch JSON from /api/labels; throws an Error with the server's message (and its issues) on failure. */
export class ApiError extends BaseError {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? 'GET',
    cache: 'no-store',
    headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; issues?: string[] };
  if (!res.ok) throw new ApiError(body.error ?? `HTTP ${res.status}`, res.status, body.issues ?? []);
  return body;
}
