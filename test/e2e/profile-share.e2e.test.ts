/**
 * A profile's avatar and a track's share card, end to end on the local platform from `npm start`, in Chromium.
 * Avatar: the creator, signed in with Ethereum on their own profile, uploads a PNG; the profile shows it from the
 * IPFS media route with the same bytes; a GIF is refused with the server's reason shown as an alert; the API refuses
 * a body over 2 MiB (413), a request with no session (401) and another wallet's session (403). Share card: two real
 * track folders are pinned before the start and minted with viem; each track page's og:image and twitter:image name
 * /tracks/<id>/share.png, which answers a 1200 x 630 PNG that differs between the two titles.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_RATE } from '../../lib/http/rate-limit';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from '../support/browser-platform';
import {
  FIXTURE_CREATOR,
  mintAndListFixtures,
  pinFixtureTracks,
  type PinnedFixture,
} from '../support/fixture-catalogue';
import { connectDevWallet, reloadUntil, waitForSuccess } from '../support/page-actions';

const TITLES = ['Harbour Lights', 'Night Ferry to Oslo'];
// A real 1 x 1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const collector = localDevAccounts(3)[2]!;

let platform: BrowserPlatform;
let pinned: PinnedFixture[];

beforeAll(async () => {
  platform = await startBrowserPlatform('profile-share', {
    prepare: async (env) => {
      pinned = await pinFixtureTracks(
        env.MOTIF_DATA_DIR,
        TITLES.map((title) => ({ title, genre: 'Ambient', description: `${title}, a share e2e fixture.`, seconds: 2 })),
      );
    },
  });
});

afterAll(async () => stopBrowserPlatform(platform));

/** `page` connected as dev account `index` and signed in with Ethereum on its own profile. */
async function signedInOwnProfile(index: number, address: string): Promise<Page> {
  const page = await (await platform.browser.newContext()).newPage();
  await page.goto(`${platform.base}/profiles/${address}`);
  await connectDevWallet(page, index, address);
  await page.getByRole('button', { name: 'Sign in with Ethereum to edit it' }).click();
  await page.getByRole('form', { name: 'Edit profile' }).waitFor();
  return page;
}

/**
 * PUTs an avatar for `address` from inside `page` (with its cookies): the PNG above, or with `size` a body of that
 * many bytes that starts like a PNG. The status and the error text.
 */
const putAvatar = (page: Page, address: string, size?: number) =>
  page.evaluate(
    async ({ url, png, size }) => {
      const data = new Uint8Array(size ?? png.length);
      data.set(size === undefined ? png : png.slice(0, 8));
      const res = await fetch(url, { method: 'PUT', body: data });
      return { status: res.status, error: ((await res.json()) as { error?: string }).error ?? '' };
    },
    { url: `/api/profiles/${address}/avatar`, png: [...PNG], size },
  );

describe('profile avatar', () => {
  it('the signed-in owner uploads a PNG that the profile then shows; a GIF is refused with the reason', async () => {
    const page = await signedInOwnProfile(1, FIXTURE_CREATOR.address);
    const input = page.getByLabel('Upload an avatar (PNG, JPEG or WebP, at most 2 MB)');
    await input.setInputFiles({ name: 'not-an-image.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a....') });
    await expect(
      page.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\S/ }).first().textContent(),
    ).resolves.toContain('avatar must be a PNG, JPEG or WebP image');
    await input.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await waitForSuccess(page, 'Avatar saved.');
    await page.reload();
    const img = page.locator('.profile-head img');
    const src = (await img.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/media\/\w+\/avatar$/);
    await expect(img.getAttribute('alt')).resolves.toMatch(/^Avatar of /);
    await expect(img.evaluate((el) => (el as HTMLImageElement).decode().then(() => true))).resolves.toBe(true);
    const served = await fetch(`${platform.base}${src}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const tooLarge = await putAvatar(page, FIXTURE_CREATOR.address, 2 * 1024 * 1024 + 1);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.error).toContain(String(2 * 1024 * 1024));
  });

  it("refuses an upload without a session (401) and from another wallet's session (403)", async () => {
    const anonymous = await platform.browser.newPage();
    await anonymous.goto(`${platform.base}/profiles/${FIXTURE_CREATOR.address}`);
    await expect(putAvatar(anonymous, FIXTURE_CREATOR.address)).resolves.toMatchObject({ status: 401 });
    const other = await signedInOwnProfile(2, collector.address);
    await expect(putAvatar(other, FIXTURE_CREATOR.address)).resolves.toEqual({
      status: 403,
      error: 'You can only change your own avatar',
    });
  });

  it("limits the owner's uploads: past the minute's allowance each one answers 429, and the avatar stays", async () => {
    const page = await signedInOwnProfile(1, FIXTURE_CREATOR.address);
    // The limit counts in fixed one-minute windows (lib/http/rate-limit.ts): 2 x (limit + 1) uploads in a row fill at
    // least one window past its allowance however the minutes fall. The server shares this machine's clock, so each
    // answer is put in its window (none when the request straddled a window's end).
    const windowOf = (t: number) => Math.floor(t / AVATAR_RATE.windowMs);
    const answers: { status: number; window: number | null }[] = [];
    for (let i = 0; i < 2 * (AVATAR_RATE.limit + 1); i++) {
      const sent = Date.now();
      const { status } = await putAvatar(page, FIXTURE_CREATOR.address);
      answers.push({ status, window: windowOf(sent) === windowOf(Date.now()) ? windowOf(sent) : null });
    }
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    expect(answers.some((a) => a.status === 429)).toBe(true);
    for (const window of new Set(answers.map((a) => a.window).filter((w) => w !== null))) {
      const statuses = answers.filter((a) => a.window === window).map((a) => a.status);
      // Within a window: at most the allowance admitted, and once refused, refused until the window ends.
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(AVATAR_RATE.limit);
      const firstRefused = statuses.indexOf(429);
      if (firstRefused >= 0) expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    }
    await page.reload();
    await expect(page.locator('.profile-head img').getAttribute('src')).resolves.toMatch(/^\/media\/\w+\/avatar$/);
  });
});

describe('track share card', () => {
  it("each track page's og:image is its own 1200 x 630 PNG card, different for each title", async () => {
    const { env, base } = platform;
    await mintAndListFixtures({
      dataDir: env.MOTIF_DATA_DIR,
      anvilPort: env.MOTIF_ANVIL_PORT,
      pinned,
      prices: [undefined, undefined],
      listingSeconds: 3600n,
    });
    const page = await platform.browser.newPage();
    const cards: Buffer[] = [];
    for (const track of pinned) {
      const path = `/tracks/${track.tokenId}/share.png`;
      const meta = (selector: string) => page.locator(selector).getAttribute('content');
      await page.goto(`${base}/tracks/${track.tokenId}`);
      // the indexer reads the title from the pinned metadata; until then the page has no share metadata
      await reloadUntil(page, async () => (await page.locator('meta[property="og:image"]').count()) > 0, 'og:image');
      await expect(meta('meta[property="og:image"]')).resolves.toBe(`${base}${path}`);
      await expect(meta('meta[name="twitter:image"]')).resolves.toBe(`${base}${path}`);
      await expect(meta('meta[property="og:image:width"]')).resolves.toBe('1200');
      await expect(meta('meta[name="twitter:card"]')).resolves.toBe('summary_large_image');
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1200, height: 630 });
      cards.push(png);
    }
    expect(cards[0]!.equals(cards[1]!)).toBe(false);
    await expect(fetch(`${base}/tracks/999999/share.png`).then((r) => r.status)).resolves.toBe(404);
  });
});

/** Each avatar `avatars` finds, once loaded: an image as `<src> true` (false: empty, `broken`: failed), else its tag. */
const avatarsIn = (avatars: Locator) =>
  avatars.evaluateAll((els) =>
    Promise.all(
      els.map((el) =>
        el instanceof HTMLImageElement
          ? el.decode().then(
              () => `${el.getAttribute('src')} ${el.naturalWidth > 0}`,
              () => `${el.getAttribute('src')} broken`,
            )
          : el.tagName,
      ),
    ),
  );

describe('names and avatars everywhere', () => {
  it('the avatar the creator uploaded shows beside them on the track page, in activity and on gallery cards', async () => {
    const { base } = platform;
    const page = await platform.browser.newPage();
    const profile = await fetch(`${base}/profiles/${FIXTURE_CREATOR.address}`).then((r) => r.text());
    const avatar = /src="(\/media\/\w+\/avatar)"/.exec(profile)?.[1];
    expect(avatar).toBeTruthy();
    // every avatar beside the creator's name (a link titled with their address) is the uploaded one, and shows
    const creatorAvatars = (scope: string) =>
      avatarsIn(page.locator(`${scope} a[title="${FIXTURE_CREATOR.address}"] .avatar`));
    await page.goto(`${base}/tracks/${pinned[0]!.tokenId}`);
    await page.locator(`a[title="${FIXTURE_CREATOR.address}"]`).first().waitFor();
    const onTrack = await creatorAvatars('article.track-page');
    expect(onTrack.length).toBeGreaterThan(0);
    expect(new Set(onTrack)).toEqual(new Set([`${avatar} true`]));
    // activity names the mints by the creator: the item's avatar is theirs
    await page.goto(`${base}/activity`);
    const items = page.getByTestId('activity').getByRole('listitem').filter({ hasText: 'Minted by' });
    await items.first().waitFor();
    const inActivity = await avatarsIn(items.locator('.avatar'));
    expect(inActivity.length).toBe(await items.count());
    expect(new Set(inActivity)).toEqual(new Set([`${avatar} true`]));
    // the gallery's cards (once the indexer has checked the tracks' authorship)
    await page.goto(`${base}/gallery`);
    await reloadUntil(page, async () => (await page.locator('.track-card').count()) === pinned.length, 'the cards');
    expect(new Set(await creatorAvatars('.track-card'))).toEqual(new Set([`${avatar} true`]));
    await page.close();
  });
});
