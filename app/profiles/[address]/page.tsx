import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAddress, isAddress } from 'viem';
import Link from 'next/link';
import { shortHex } from '../../../lib/format/short-hex';
import { getServices } from '../../../lib/platform/services';
import { readProfilePage, type ProfileTrack } from '../../../lib/profiles/profile-page';
import { avatarUrlOf } from '../../../lib/profiles/avatar-upload';
import { AccountAvatar } from '../../_components/account-name';
import { formatAmount, type Currency } from '../../../lib/format/amount';
import { serverCurrency } from '../../_components/server-currency';
import { ProfileEditor } from './profile-editor';
import { AvatarEditor } from './avatar-editor';
import { CollectedEditions } from './collected-editions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: isAddress(address, { strict: false }) ? `Profile ${shortHex(address)}` : 'Profile' };
}

function TrackList({ tracks, label, currency }: { tracks: ProfileTrack[]; label: string; currency: Currency }) {
  if (tracks.length === 0) return <p className="muted">None yet.</p>;
  return (
    <ul aria-label={label} className="track-list">
      {tracks.map((t) => (
        <li key={t.tokenId}>
          <Link href={`/tracks/${t.tokenId}`}>{t.title ?? `Track ${t.tokenId.slice(0, 10)}…`}</Link>
          {t.genre ? <span className="muted"> · {t.genre}</span> : null}
          {t.priceWei ? (
            <>
              {' '}
              · <strong>{formatAmount(t.priceWei, currency)}</strong>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default async function ProfilePage({ params }: Props) {
  const { address: raw } = await params;
  if (!isAddress(raw, { strict: false })) notFound();
  const address = getAddress(raw);
  const { prisma, chainId } = await getServices();
  const [{ profile, minted, owned }, currency, avatar] = await Promise.all([
    readProfilePage(prisma, chainId, address),
    serverCurrency(),
    avatarUrlOf(prisma, address),
  ]);
  const name = profile.displayName ?? shortHex(address);
  return (
    <>
      <div className="profile-head">
        {avatar ? (
          // eslint-disable-next-line @next/next/no-img-element -- served from the IPFS media route, already immutable
          <img src={avatar} alt={`Avatar of ${name}`} width={96} height={96} className="profile-avatar" />
        ) : (
          <AccountAvatar address={address} size={96} />
        )}
        <h1 data-testid="profile-name">{name}</h1>
      </div>
      <p className="muted">
        <code>{address}</code>
      </p>
      {profile.bio && <p data-testid="profile-bio">{profile.bio}</p>}
      <ProfileEditor address={address} displayName={profile.displayName} bio={profile.bio} />
      <AvatarEditor address={address} />
      <section aria-labelledby="minted-heading">
        <h2 id="minted-heading">Minted ({minted.length})</h2>
        <TrackList tracks={minted} label="Minted tracks" currency={currency} />
      </section>
      <section aria-labelledby="owned-heading">
        <h2 id="owned-heading">Collected ({owned.length})</h2>
        <TrackList tracks={owned} label="Owned tracks" currency={currency} />
      </section>
      <CollectedEditions address={address} />
    </>
  );
}
