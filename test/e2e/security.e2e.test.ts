/**
 * Issue #19, against the real `npm start` server and Chromium: pinned content never runs script on our origin, a
 * sign-in message cannot be relayed from another site, bodies are capped while they stream, pages and API carry
 * security headers (and still hydrate under a nonce CSP), and logout revokes the session on the server.
 */
import http from 'node:http';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInMessage } from '../../lib/auth/siwe';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { pumpChunks } from '../support/chunked-upload';
import { launchChromium } from '../support/chromium';
import { STEP_WAIT_MS, pollUntil } from '../support/limits';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

let dir: string;
let env: PlatformEnv;
let started: StartedPlatform;
let browser: Browser;
let base: string;
let evilCid: string;

/** Each payload reports itself by requesting a URL with `pwned` in it, and renames the page. */
const payload = (tag: string) => `document.title='pwned';fetch('/api/auth/session?pwned=${tag}')`;
const EVIL_FILES = {
  'page.html': `<!doctype html><title>x</title><script>${payload('html')}</script>`,
  'image.svg': `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="${payload('svg-onload')}"><rect width="10" height="10" fill="red"/><script>${payload('svg')}</script></svg>`,
  'notes.txt': `<html><script>${payload('txt')}</script></html>`,
  sniffed: `<html><body><script>${payload('sniffed')}</script></body></html>`,
};

/** A raw HTTP request, so the test, like an attacker's server, chooses the Host header. */
function rawRequest(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(env.MOTIF_APP_PORT),
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('security'));
  const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR, 'ipfs'));
  evilCid = (
    await storage.addFolder(
      Object.entries(EVIL_FILES).map(([p, c]) => ({ path: p, content: new TextEncoder().encode(c) })),
    )
  ).cid.toString();
  await storage.close();
  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
});

afterAll(async () => {
  await browser?.close();
  if (started) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('/ipfs/ gateway: no script on our origin', () => {
  it('pinned HTML, SVG and text with <script> never run, opened directly, framed or embedded; an SVG still shows as an image', async () => {
    const context = await browser.newContext();
    const pwned: string[] = [];
    context.on('request', (r) => {
      if (r.url().includes('pwned')) pwned.push(r.url());
    });
    try {
      // Opened as a page, as a crafted link would.
      for (const name of Object.keys(EVIL_FILES)) {
        const page = await context.newPage();
        const response = await page.goto(`${base}/ipfs/${evilCid}/${name}`).catch(() => null); // attachments abort the navigation
        if (response) expect(response.headers()['content-security-policy']).toMatch(/^sandbox/);
        await page.waitForLoadState('load'); // the payloads run synchronously while the document loads
        expect(await page.title()).not.toBe('pwned');
        await page.close();
      }
      // Framed, embedded and used as an image from one of our pages (whose own CSP allows same-origin frames).
      const page = await context.newPage();
      const framed: Request[] = [];
      page.on('request', (r) => {
        if (r.url().includes(evilCid) && r.frame() !== page.mainFrame()) framed.push(r);
      });
      const framedUrls = () => new Set(framed.map((r) => r.url()));
      // Answered in full, or ended (an attachment's navigation is aborted once it turns into a download).
      const settled = new Set<Request>();
      page.on('requestfinished', (r) => settled.add(r));
      page.on('requestfailed', (r) => settled.add(r));
      await page.goto(base);
      const imageWidth = await page.evaluate(
        async ({ cidPath, names }) => {
          for (const name of names) {
            for (const tag of ['iframe', 'object', 'embed'] as const) {
              const el = document.createElement(tag);
              if (el instanceof HTMLIFrameElement || el instanceof HTMLEmbedElement) el.src = `${cidPath}/${name}`;
              else if (el instanceof HTMLObjectElement) el.data = `${cidPath}/${name}`;
              document.body.append(el);
            }
          }
          const img = new Image();
          img.src = `${cidPath}/image.svg`;
          await img.decode();
          return img.naturalWidth;
        },
        { cidPath: `/ipfs/${evilCid}`, names: Object.keys(EVIL_FILES) },
      );
      expect(imageWidth).toBe(10);
      // Wait for the frames' requests, then for each to end (a payload would have run by then). A frame whose answer
      // is an attachment never reaches 'load' (it became a download), so its load state is no signal.
      await pollUntil(
        'the frames to request the pinned files',
        async () => framedUrls().size >= Object.keys(EVIL_FILES).length,
      );
      await pollUntil('the frames’ requests to end', async () => framed.every((r) => settled.has(r)));
      expect(framedUrls().size).toBeGreaterThanOrEqual(Object.keys(EVIL_FILES).length); // the frames did load them
      expect(await page.title()).not.toBe('pwned');
      expect(pwned).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('answers every gateway file with nosniff and a sandbox CSP, and refuses content carried inside an identity CID', async () => {
    for (const name of Object.keys(EVIL_FILES)) {
      const res = await fetch(`${base}/ipfs/${evilCid}/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      await res.arrayBuffer();
    }
    const inline = CID.createV1(0x55, identity.digest(new TextEncoder().encode(EVIL_FILES['page.html']))).toString();
    const res = await fetch(`${base}/ipfs/${inline}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/identity/);
  });
});

describe('Sign-In with Ethereum: not relayable', () => {
  it('refuses a message signed for evil.example and relayed with Host: evil.example; accepts one for the configured origin', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signInFor = async (host: string) => {
      const { nonce } = (await (await fetch(`${base}/api/auth/nonce`)).json()) as { nonce: string };
      const message = createSignInMessage({
        address: account.address,
        chainId: 31337,
        domain: host,
        uri: `http://${host}/`,
        nonce,
      });
      return JSON.stringify({ message, signature: await account.signMessage({ message }) });
    };
    const relayed = await rawRequest({
      method: 'POST',
      path: '/api/auth/verify',
      headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' },
      body: await signInFor('evil.example'),
    });
    expect(relayed.status).toBe(401);
    expect(relayed.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(relayed.body)).toMatchObject({ reason: 'wrong-domain' });

    const local = `localhost:${env.MOTIF_APP_PORT}`;
    const honest = await rawRequest({
      method: 'POST',
      path: '/api/auth/verify',
      headers: { host: local, 'content-type': 'application/json' },
      body: await signInFor(local),
    });
    expect(honest.status).toBe(200);
    expect(honest.headers['set-cookie']?.[0]).toMatch(/^motif_session=/);

    // Logout revokes on the server: a kept copy of the cookie signs no one in afterwards.
    const cookie = honest.headers['set-cookie']![0]!.split(';')[0]!;
    const session = async () =>
      JSON.parse((await rawRequest({ method: 'GET', path: '/api/auth/session', headers: { cookie } })).body) as {
        address: string | null;
      };
    expect((await session()).address).toBe(account.address);
    expect((await rawRequest({ method: 'POST', path: '/api/auth/logout', headers: { cookie } })).status).toBe(200);
    expect((await session()).address).toBeNull();
    const edit = await rawRequest({
      method: 'PUT',
      path: `/api/profiles/${account.address}`,
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"displayName":"after logout"}',
    });
    expect(edit.status).toBe(401);
  });
});

/**
 * Sends `total` bytes as a chunked body (no Content-Length), as fast as the server takes them, on a fresh connection;
 * resolves with the answer; gives up after STEP_WAIT_MS.
 */
function chunkedUpload(
  method: string,
  pathName: string,
  contentType: string,
  total: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = () => 0;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${method} ${pathName}: no answer after ${STEP_WAIT_MS / 1000} s (${sent()} bytes sent)`));
    }, STEP_WAIT_MS);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(env.MOTIF_APP_PORT),
        method,
        path: pathName,
        agent: false,
        headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body, sent: sent() });
        });
      },
    );
    // The server reads an oversized body to its end before it answers (lib/http/body-limit.ts), so a connection that
    // closes under the upload lost the answer: say so now rather than wait out the step limit.
    req.on('error', (error) => {
      setTimeout(() => {
        clearTimeout(timer);
        reject(
          new Error(`${method} ${pathName}: connection closed with no answer (${sent()} bytes sent): ${error.message}`),
        );
      }, 2_000).unref();
    });
    sent = pumpChunks(req, total);
  });
}

describe('bodies are capped while they stream', () => {
  it('answers 413 to an oversized chunked body (no Content-Length) on the sign-in, profile, label and pin routes', async () => {
    const address = privateKeyToAccount(generatePrivateKey()).address;
    for (const [method, route, type, total] of [
      ['POST', '/api/auth/verify', 'application/json', 8 * 1024 * 1024],
      ['PUT', `/api/profiles/${address}`, 'application/json', 8 * 1024 * 1024],
      ['POST', '/api/labels', 'application/json', 8 * 1024 * 1024],
      ['POST', '/api/tracks/pin', 'multipart/form-data; boundary=x', 200 * 1024 * 1024],
    ] as const) {
      const started = Date.now();
      const res = await chunkedUpload(method, route, type, total);
      console.log(`${method} ${route}: ${res.status} after ${res.sent} bytes in ${Date.now() - started} ms`);
      expect({ route, status: res.status }).toEqual({ route, status: 413 });
      expect(res.body).toMatch(/larger than \d+ bytes/);
    }
    // Content-Length over the limit is refused before reading.
    const declared = await rawRequest({
      method: 'POST',
      path: '/api/auth/verify',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      body: 'x'.repeat(10 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
  });

  it('refuses NUL and lone surrogates in JSON text with 400', async () => {
    for (const body of ['{"message":"a\\u0000b","signature":"0x00"}', '{"message":"\\ud800","signature":"0x00"}']) {
      const res = await fetch(`${base}/api/auth/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/NUL|surrogate/);
    }
  });
});

describe('security headers, and pages still work under them', () => {
  it('pages carry a nonce CSP, frame-ancestors none, nosniff and a Referrer-Policy; the API a deny-all CSP', async () => {
    const page = await fetch(`${base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'nonce"); // no blanket inline script
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = (await fetch(`${base}/`)).headers.get('content-security-policy');
    expect(second).not.toBe(csp); // a fresh nonce per response

    // A public page answered from the page cache (lib/http/page-cache.ts) still gets a fresh nonce per answer, in its
    // CSP and on every script; the first answers render (the cache learns the data version, then keeps a render).
    const nonces = new Set<string>();
    let hits = 0;
    for (let i = 0; i < 30 && hits < 2; i++) {
      const res = await fetch(`${base}/gallery`);
      const pageNonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;
      const tags = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag).toContain(`nonce="${pageNonce}"`);
      expect(nonces.has(pageNonce)).toBe(false);
      nonces.add(pageNonce);
      if (res.headers.get('x-motif-page-cache') === 'hit') hits++;
    }
    expect(hits).toBe(2);

    // TRACE never reaches Next (which answered it with a 500): refused at the HTTP server.
    expect((await rawRequest({ method: 'TRACE', path: '/' })).status).toBe(405);
    const pin = await fetch(`${base}/api/tracks/pin`, { method: 'POST' }); // outside the proxy: its own headers
    expect(pin.status).toBe(415);
    expect(pin.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(pin.headers.get('x-content-type-options')).toBe('nosniff');
    for (const url of [`${base}/api/ping`, `${base}/api/auth/session`, `${base}/api/gallery`]) {
      const res = await fetch(url);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      await res.arrayBuffer();
    }
  });

  it('hydrates under the CSP: the status page reads the chain, a wallet connects, signs in and edits its profile, with no CSP violation', async () => {
    const { connectDevWallet } = await import('../support/page-actions');
    const { localDevAccounts } = await import('../../lib/chain/dev-accounts');
    const account = localDevAccounts(2)[1]!;
    const context = await browser.newContext();
    const violations: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (execute|load|connect|apply)/i.test(m.text()))
          violations.push(m.text());
      });
      await page.goto(`${base}/status`);
      await expect(page.getByRole('status').textContent()).resolves.toBe('All components are running.');
      await expect(page.getByTestId('collection-summary').textContent()).resolves.toMatch(/^CollectionMotif Tracks/);
      // The gallery from a render and from the page cache (its copy carries a fresh nonce): both load with no CSP
      // violation. Loaded until one answer came from the cache (any write to PostgreSQL, by the indexer or anyone,
      // makes the next answer a render again).
      const answers: string[] = [];
      for (let i = 0; i < 20 && !answers.includes('hit'); i++) {
        const answer = await page.goto(`${base}/gallery`);
        expect(answer?.status()).toBe(200);
        answers.push((await answer?.allHeaders())?.['x-motif-page-cache'] ?? 'none');
        await page.getByRole('heading', { level: 1 }).waitFor();
      }
      expect(answers).toContain('hit');
      await page.goto(base);
      await connectDevWallet(page, 1, account.address);
      await page.goto(`${base}/profiles/${account.address}`);
      await page.getByRole('button', { name: 'Sign in with Ethereum to edit it' }).click();
      const form = page.getByRole('form', { name: 'Edit profile' });
      await form.getByLabel('Display name').fill('Under CSP');
      await form.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Profile saved.').waitFor();
      await page.reload();
      await expect(page.getByTestId('profile-name').textContent()).resolves.toBe('Under CSP');
      await page.goto(`${base}/studio`);
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
