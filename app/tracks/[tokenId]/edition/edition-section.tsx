import 'server-only';
import Link from 'next/link';
import type { Address, Hex } from 'viem';
import { loadTrackEditions } from '../../../../lib/editions/edition-view';
import { getServices } from '../../../../lib/platform/services';
import { EditionPanel } from './edition-panel';

/** The track's editions (sold as numbered copies, issue #17), from the index; the creator gets a link to start one. */
export async function EditionSection({
  tokenId,
  creator,
  contentDigest,
  refParam,
}: {
  tokenId: string;
  creator: Address;
  contentDigest: Hex;
  refParam: string | null;
}) {
  const services = await getServices();
  const editions = await loadTrackEditions(services.prisma, services.chainId, { creator, contentDigest });
  return (
    <section aria-labelledby="edition-heading" data-testid="edition-section">
      <h2 id="edition-heading">Edition</h2>
      {editions.length === 0 ? (
        <p className="muted">
          This track is a 1/1. Its creator can also sell it as numbered copies:{' '}
          <Link href={`/mint/edition?track=${tokenId}`}>create an edition</Link>.
        </p>
      ) : (
        editions.map((edition) => (
          <EditionPanel key={edition.editionId} tokenId={tokenId} edition={edition} refParam={refParam} />
        ))
      )}
    </section>
  );
}
