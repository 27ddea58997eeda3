import type { Metadata } from 'next';
import Link from 'next/link';
import type { Address, Hex } from 'viem';
import { readDeployment } from '../../../lib/contracts/deployment';
import { getServices } from '../../../lib/platform/services';
import { EditionWizard, type EditionTrack, type WizardStablecoin } from './edition-wizard';
import '../mint.css';

export const metadata: Metadata = { title: 'Create an edition' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function loadTrack(tokenId: string): Promise<EditionTrack | null> {
  if (!/^\d{1,78}$/.test(tokenId)) return null;
  const services = await getServices();
  const row = await services.prisma.track.findUnique({
    where: { chainId_tokenId: { chainId: services.chainId, tokenId } },
  });
  if (!row) return null;
  return {
    tokenId,
    title: row.title ?? `Track ${tokenId.slice(0, 10)}…`,
    creator: row.creator as Address,
    contentDigest: row.contentDigest as Hex,
    manifestDigest: row.manifestDigest as Hex,
    licence: row.licence,
    royaltyReceiver: row.royaltyReceiver as Address,
    royaltyBps: row.royaltyBps,
  };
}

/** The deployment's stablecoin phases may be priced in (the Editions contract allows it), or null. */
async function loadStablecoin(): Promise<WizardStablecoin | null> {
  const services = await getServices();
  try {
    const coin = readDeployment(services.deploymentPath).stablecoin;
    return coin ? { address: coin.address, symbol: coin.symbol, decimals: coin.decimals } : null;
  } catch {
    return null; // no deployment recorded yet: native prices only
  }
}

/** Sell a minted track as numbered copies: terms, sale phases (presale allowlists), preview, then one transaction. */
export default async function EditionPage({ searchParams }: Props) {
  const query = await searchParams;
  const tokenId = typeof query.track === 'string' ? query.track.trim() : '';
  const track = tokenId ? await loadTrack(tokenId) : null;
  return (
    <section aria-labelledby="edition-h" className="mint">
      <h1 id="edition-h">Create an edition</h1>
      <nav aria-label="What to sell">
        <p>
          Sell a track as a <Link href="/mint">1/1</Link> (one token) or as an{' '}
          <strong aria-current="page">Edition</strong> (numbered copies, in sale phases).
        </p>
      </nav>
      {!track && (
        <form method="get" aria-label="Choose the track">
          <p>
            {tokenId
              ? `No minted track ${tokenId} is indexed.`
              : 'An edition sells copies of a track you minted: the same content, licence and royalty split.'}
          </p>
          <label htmlFor="edition-track">Track token id</label>
          <input id="edition-track" name="track" inputMode="numeric" defaultValue={tokenId} required />
          <button type="submit">Continue</button>
        </form>
      )}
      {track && <EditionWizard track={track} stablecoin={await loadStablecoin()} />}
    </section>
  );
}
