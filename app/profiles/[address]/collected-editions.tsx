import 'server-only';
import Link from 'next/link';
import type { Address } from 'viem';
import { loadCollectedCopies } from '../../../lib/editions/edition-view';
import { getServices } from '../../../lib/platform/services';

/** The edition copies this account collected, by edition number (issue #17). */
export async function CollectedEditions({ address }: { address: Address }) {
  const { prisma, chainId } = await getServices();
  const copies = await loadCollectedCopies(prisma, chainId, address);
  return (
    <section aria-labelledby="editions-heading" data-testid="collected-editions">
      <h2 id="editions-heading">Edition copies ({copies.reduce((n, c) => n + c.numbers.length, 0)})</h2>
      {copies.length === 0 ? (
        <p className="muted">No edition copies collected yet.</p>
      ) : (
        <ul aria-label="Edition copies">
          {copies.map((c) => (
            <li key={`${c.editionId}-${c.numbers[0]}`}>
              <Link href={`/tracks/${c.trackTokenId}`}>Edition of track {c.trackTokenId.slice(0, 10)}…</Link>:{' '}
              {c.numbers.map((n) => `#${n}`).join(', ')}
              {c.comment && (
                <>
                  {' '}
                  — <q>{c.comment}</q>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
