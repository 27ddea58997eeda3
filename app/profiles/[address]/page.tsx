import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAddress, isAddress } from 'viem';
import { readProfile } from '../../../lib/auth/profile';
import { shortHex } from '../../../lib/format/short-hex';
import { eth } from '../../_components/format';
import { pagesDb } from '../../_components/server-prisma';
import { ProfileEditor } from './profile-editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: isAddress(address, { strict: false }) ? `Profile ${shortHex(address)}` : 'Profile' };
}

type Row = { tokenId: { toFixed(d: number): string }; title: string | null; genre: string | null; creator: string; owner: string };

function TrackList({ rows, label, prices }: { rows: Row[]; label: string; prices: Map<string, string> }) {
  if (rows.length === 0) return <p className="muted">None yet.</p>;
  return (
    <ul aria-label={label} className="track-list">
      {rows.map((t) => {
        const id = t.tokenId.toFixed(0);
        const price = prices.get(id);
        return (
          <li key={id}>
            <a href={`/tracks/${id}`}>{t.title ?? `Track ${id.slice(0, 10)}…`}</a>
            {t.genre ? <span className="muted"> · {t.genre}</span> : null}
            {price ? <> · <strong>{eth(price)}</strong></> : null}
          </li>
        );
      })}
    </ul>
  );
}

export default async function ProfilePage({ params }: Props) {
  const { address: raw } = await params;
  if (!isAddress(raw, { strict: false })) notFound();
  const address = getAddress(raw);
  const { prisma, chainId } = await pagesDb();
  const select = { tokenId: true, title: true, genre: true, creator: true, owner: true } as const;
  const [profile, minted, owned] = await Promise.all([
    readProfile(prisma, address),
    // Only tracks whose signed manifest names this creator: a squatter's copy of someone else's folder is not theirs.
    prisma.track.findMany({ where: { chainId, creator: address, authorship: 'verified' }, orderBy: { mintedBlock: 'desc' }, take: 100, select }),
    prisma.track.findMany({ where: { chainId, owner: address }, orderBy: { mintedBlock: 'desc' }, take: 100, select }),
  ]);
  const ids = [...new Set([...minted, ...owned].map((t) => t.tokenId.toFixed(0)))];
  // Live listings only: Market v2 listings expire.
  const listings = ids.length ? await prisma.listing.findMany({ where: { chainId, tokenId: { in: ids }, expiry: { gt: BigInt(Math.floor(Date.now() / 1000)) } } }) : [];
  const prices = new Map(listings.map((l) => [l.tokenId.toFixed(0), l.priceWei.toFixed(0)]));
  return (
    <>
      <h1 data-testid="profile-name">{profile.displayName ?? shortHex(address)}</h1>
      <p className="muted"><code>{address}</code></p>
      {profile.bio && <p data-testid="profile-bio">{profile.bio}</p>}
      <ProfileEditor address={address} displayName={profile.displayName} bio={profile.bio} />
      <section aria-labelledby="minted-heading">
        <h2 id="minted-heading">Minted ({minted.length})</h2>
        <TrackList rows={minted} label="Minted tracks" prices={prices} />
      </section>
      <section aria-labelledby="owned-heading">
        <h2 id="owned-heading">Collected ({owned.length})</h2>
        <TrackList rows={owned} label="Owned tracks" prices={prices} />
      </section>
    </>
  );
}
