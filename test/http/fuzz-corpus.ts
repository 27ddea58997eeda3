/**
 * Malformed HTTP requests for every Motif route (issue #19), generated with fast-check from a fixed seed, and a raw
 * HTTP sender: the e2e fuzz test (test/e2e/security-fuzz.e2e.test.ts) asserts none gets a 5xx and no row changes; a
 * bench can report the same figures. Every request is invalid by construction (bad text, wrong shapes, broken
 * encodings), so none may change a row.
 */
import http from 'node:http';
import fc from 'fast-check';
import { CID } from 'multiformats/cid';
import { create as createDigest } from 'multiformats/hashes/digest';
import { identity } from 'multiformats/hashes/identity';

export type Sent = { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array | string };
export type Answer = { status: number; body: string };

/** One raw HTTP request: the test picks the exact bytes of the path, method, headers and body. */
export function send(port: number, request: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body =
      typeof request.body === 'string'
        ? Buffer.from(request.body, 'utf8')
        : request.body
          ? Buffer.from(request.body)
          : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...request.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c.length < 2000 ? c : c.slice(0, 2000)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, 300) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends every request, a few at a time; returns those answered with a 5xx (or not with HTTP at all). */
export async function sendAll(
  port: number,
  requests: Sent[],
  concurrency = 6,
): Promise<{ request: Sent; answer: Answer }[]> {
  const failures: { request: Sent; answer: Answer }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const answer = await send(port, request);
        if (answer.status >= 500 || answer.status < 100) failures.push({ request, answer });
      }
    }),
  );
  return failures;
}

// ---- generators of bad input -------------------------------------------------------------------------------------

/** Percent-encodes every byte of a string's UTF-8 (lone surrogates become U+FFFD, as a browser would send them). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0').toUpperCase()).join('');
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Text that can never be valid input: it carries a NUL or a lone surrogate. */
const badText = fc
  .tuple(anyText, fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\u0000', '\udbff\u0041'), anyText)
  .map(([a, b, c]) => a + b + c);
const brokenEscapes = fc.constantFrom(
  '%',
  '%0',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '%2e%2e',
  '..',
  '%2F',
  '%25',
  '%%',
);
const pathJunk = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '/'),
      fc.oneof(brokenEscapes, anyText.map(pct), fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/)),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.map(([sep, part]) => sep + part).join(''));
const cidJunk = (root: string) =>
  fc
    .oneof(
      fc.constant(() => root),
      fc.constant(() =>
        CID.createV1(0x55, identity.digest(new TextEncoder().encode('<script>alert(1)</script>'))).toString(),
      ),
      fc.constant(() => CID.createV1(0x71, CID.parse(root).multihash).toString()),
      fc.constant(() => CID.createV1(0x0129, CID.parse(root).multihash).toString()),
      fc
        .uint8Array({ minLength: 64, maxLength: 64 })
        .map((bytes) => () => CID.createV1(0x55, createDigest(0x13, bytes)).toString()), // sha2-512
      fc.stringMatching(/^(bafy|Qm|b|z|f01)[a-z0-9]{0,60}$/).map((s) => () => s),
      anyText.map((s) => () => pct(s)),
    )
    .map((make) => make());
const jsonValue = fc.jsonValue({ maxDepth: 3 });
/** A JSON body that no route can accept: broken syntax, wrong shapes, or bad text where text goes. */
const badJsonBody = (fields: string[]) =>
  fc.oneof(
    anyText.map((s) => '{' + s),
    fc.constantFrom('', 'null', '[]', '"x"', '1e999', '{"__proto__":{"x":1}}', '{'.repeat(5000)),
    fc
      .record(Object.fromEntries(fields.map((f) => [f, badText])), { requiredKeys: [] })
      .filter((o) => Object.keys(o).length > 0)
      .map((o) => JSON.stringify(o)),
    fc
      .record(
        Object.fromEntries(
          fields.map((f) => [
            f,
            fc.oneof(fc.integer(), fc.array(jsonValue, { maxLength: 3 }), fc.constant(null), fc.boolean()),
          ]),
        ),
        { requiredKeys: [fields[0]!] },
      )
      .map((o) => JSON.stringify(o)),
    fc.dictionary(badText, jsonValue, { minKeys: 1, maxKeys: 3 }).map((o) => JSON.stringify(o)),
  );
const junkCookie = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^motif_session=[A-Za-z0-9._=-]{0,120}$/),
  fc.stringMatching(/^[ -~]{0,80}$/).map((s) => s.replace(/^\s+|\s+$/g, '')),
);
const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO');

/** A header set with `name` only when `value` is a non-empty string. */
const optional = (name: string, value: string | undefined): Record<string, string> => (value ? { [name]: value } : {});

/** A multipart body with the given parts; `boundary` may itself be junk. */
function multipart(
  boundary: string,
  parts: { name: string; filename?: string; content: Uint8Array | string }[],
): Uint8Array {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(typeof p.content === 'string' ? Buffer.from(p.content, 'utf8') : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

export const WAV_HEADER = Buffer.from(
  '524946462400000057415645666d7420100000000100010044ac000088580100020010006461746100000000',
  'hex',
);
/** The MIDI file that passed the format check and then made the parser loop forever. */
const LOOPING_MIDI = Buffer.from(
  '4d5468640000000600010001c73e4d54726b00000021b5f2ab51902a7eefbcfd9090872fff90fffaa3df3c1afbaccf61e12f88863bc70e',
  'hex',
);
const midiJunk = fc.oneof(
  fc.constant(new Uint8Array(LOOPING_MIDI)),
  fc
    .uint8Array({ maxLength: 64 })
    .map(
      (tail) =>
        new Uint8Array(
          Buffer.concat([
            Buffer.from('4d546864000000060001000101e04d54726b', 'hex'),
            Buffer.from([0, 0, 0, tail.length]),
            Buffer.from(tail),
          ]),
        ),
    ),
  fc.uint8Array({ maxLength: 80 }),
);

/** Bytes no image sniffer accepts (no PNG, JPEG or WebP magic), so no fuzzed avatar upload can pin or change a row. */
const notAnImage = fc
  .uint8Array({ maxLength: 96 })
  .map((b) => (b.length > 0 && [0x89, 0xff, 0x52].includes(b[0]!) ? Uint8Array.of(0, ...b.subarray(1)) : b));

/** What the requests refer to: a pinned folder, a label the signed-in `address` owns, and its session cookie. */
export type FuzzContext = {
  root: string;
  labelId: string;
  cookie: string;
  address: string;
  runs: number;
  seed: number;
};

/** `ctx.runs` malformed requests for each route, keyed by route. */
export function malformedRequests(ctx: FuzzContext): Record<string, Sent[]> {
  const { root, labelId, cookie, address } = ctx;
  const sample = <T>(arb: fc.Arbitrary<T>): T[] => fc.sample(arb, { numRuns: ctx.runs, seed: ctx.seed });
  const json = (method: string, p: string, body: string, withSession = true): Sent => ({
    method,
    path: p,
    headers: { 'content-type': 'application/json', ...(withSession ? { cookie } : {}) },
    body,
  });
  return {
    'GET /ipfs/[cid]/[[...path]]': sample(
      fc.tuple(
        cidJunk(root),
        pathJunk,
        fc.constantFrom('GET', 'HEAD'),
        fc.oneof(fc.constant(undefined), fc.stringMatching(/^bytes=[0-9-,]{0,12}$/)),
      ),
    ).map(([cid, p, method, range]) => ({ method, path: `/ipfs/${cid}/${p}`, headers: optional('range', range) })),
    'GET /api/tracks/verify': sample(
      fc.oneof(
        fc.constantFrom('0x' + '0'.repeat(64), '0', '1' + '0'.repeat(80), 'ipfs://', '0x'),
        cidJunk(root),
        anyText.map(pct),
        badText.map(pct),
      ),
    ).map((id) => ({ method: 'GET', path: `/api/tracks/verify?id=${id}` })),
    'GET /api/gallery': sample(
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'q',
            'genre',
            'key',
            'bpmMin',
            'bpmMax',
            'model',
            'priceMin',
            'priceMax',
            'forSale',
            'sort',
            'page',
            'pageSize',
            'x',
          ),
          fc.oneof(anyText.map(pct), badText.map(pct), brokenEscapes, fc.integer().map(String)),
        ),
        { minLength: 1, maxLength: 5 },
      ),
    ).map((params) => ({ method: 'GET', path: `/api/gallery?${params.map(([k, v]) => `${k}=${v}`).join('&')}` })),
    'POST /api/auth/verify': sample(badJsonBody(['message', 'signature'])).map((b) =>
      json('POST', '/api/auth/verify', b, false),
    ),
    'GET /api/auth/session': sample(junkCookie).map((c) => ({
      method: 'GET',
      path: '/api/auth/session',
      headers: optional('cookie', c),
    })),
    'POST /api/auth/logout': sample(fc.tuple(junkCookie, anyText)).map(([c, b]) => ({
      method: 'POST',
      path: '/api/auth/logout',
      headers: optional('cookie', c),
      body: b,
    })),
    '* /api/auth/nonce': sample(fc.tuple(methods, anyText.map(pct))).map(([method, q]) => ({
      method,
      path: `/api/auth/nonce?${q}`,
    })),
    'PUT /api/profiles/[address]': sample(
      fc.tuple(fc.oneof(fc.constant(address), anyText.map(pct), brokenEscapes), badJsonBody(['displayName', 'bio'])),
    ).map(([a, b]) => json('PUT', `/api/profiles/${a}`, b)),
    'PUT /api/profiles/[address]/avatar': sample(
      fc.tuple(fc.oneof(fc.constant(address), anyText.map(pct), brokenEscapes), notAnImage, anyText),
    ).map(([a, body, type]) => ({
      method: 'PUT',
      path: `/api/profiles/${a}/avatar`,
      headers: { 'content-type': type.replace(/[^\x20-\x7e]/g, '') || 'image/png', cookie },
      body,
    })),
    'POST /api/vouchers': sample(badJsonBody(['chainId', 'collection', 'voucher', 'signature'])).map((b) =>
      json('POST', '/api/vouchers', b, false),
    ),
    'POST /api/editions/[editionId]/approvals': sample(
      fc.tuple(
        fc.oneof(fc.constant('1'), anyText.map(pct), brokenEscapes),
        badJsonBody(['chainId', 'editions', 'approval', 'signature']),
      ),
    ).map(([id, b]) => json('POST', `/api/editions/${id}/approvals`, b, false)),
    'POST /api/labels': sample(badJsonBody(['name'])).map((b) => json('POST', '/api/labels', b)),
    'GET /api/labels/[labelId]': sample(fc.oneof(fc.constant(labelId), fc.uuid(), anyText.map(pct), brokenEscapes)).map(
      (id) => ({ method: 'GET', path: `/api/labels/${id}`, headers: { cookie } }),
    ),
    '* /api/labels/[labelId]/members': sample(
      fc.tuple(
        fc.constantFrom('POST', 'PATCH', 'DELETE'),
        fc.oneof(fc.constant(labelId), fc.uuid(), brokenEscapes),
        badJsonBody(['address', 'role']),
      ),
    ).map(([m, id, b]) => json(m, `/api/labels/${id}/members`, b)),
    '* /api/labels/[labelId]/catalogue': sample(
      fc.tuple(
        fc.constantFrom('POST', 'DELETE'),
        fc.oneof(fc.constant(labelId), fc.uuid()),
        badJsonBody(['tokenId', 'creator']),
      ),
    ).map(([m, id, b]) => json(m, `/api/labels/${id}/catalogue`, b)),
    'POST /api/labels/requests/[requestId]': sample(
      fc.tuple(fc.oneof(fc.uuid(), anyText.map(pct), brokenEscapes), badJsonBody(['decision'])),
    ).map(([id, b]) => json('POST', `/api/labels/requests/${id}`, b)),
    'POST /api/labels/[labelId]/actions': sample(
      fc.tuple(fc.oneof(fc.constant(labelId), fc.uuid()), badJsonBody(['kind', 'txHash', 'payees', 'split'])),
    ).map(([id, b]) => json('POST', `/api/labels/${id}/actions`, b)),
    'GET /api/labels/[labelId]/{audit,earnings,statement}': sample(
      fc.tuple(
        fc.constantFrom('audit', 'earnings', 'statement'),
        fc.oneof(fc.constant(labelId), fc.uuid(), brokenEscapes),
        fc.oneof(anyText.map(pct), badText.map(pct), fc.stringMatching(/^from=[0-9-]{0,12}&to=[0-9-]{0,12}$/)),
      ),
    ).map(([r, id, q]) => ({ method: 'GET', path: `/api/labels/${id}/${r}?${q}`, headers: { cookie } })),
    'POST /api/tracks/pin': sample(
      fc.tuple(
        fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,40}$/),
        midiJunk,
        fc.oneof(badText, anyText),
        fc.oneof(anyText, fc.constant('{"manifest":1}')),
        fc.boolean(),
      ),
    ).map(([boundary, midi, name, manifest, goodType]) => ({
      method: 'POST',
      path: '/api/tracks/pin',
      headers: {
        'content-type': goodType ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
        cookie,
      },
      body: multipart(boundary, [
        { name: 'wav', filename: 'a.wav', content: new Uint8Array(WAV_HEADER) },
        { name: 'midi', filename: 'a.mid', content: midi },
        { name: 'manifest', content: manifest },
        { name: 'name', content: name },
        { name: 'genre', content: 'x' },
      ]),
    })),
    'GET /api/balance/splits': sample(fc.oneof(anyText.map(pct), badText.map(pct), brokenEscapes)).map((a) => ({
      method: 'GET',
      path: `/api/balance/splits?account=${a}`,
    })),
    'POST /api/notifications/read': sample(badJsonBody(['blockNumber', 'logIndex'])).map((b) =>
      json('POST', '/api/notifications/read', b),
    ),
    '* any path, odd methods': sample(fc.tuple(methods, pathJunk)).map(([method, p]) => ({ method, path: `/${p}` })),
  };
}
