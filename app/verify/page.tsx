import type { Metadata } from 'next';
import Link from 'next/link';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = {
  title: 'Verify a track',
  description:
    'Check a Motif track: its signed generation manifest, its files and CIDs, the replayed generation and its on-chain record.',
};

type Props = { searchParams: Promise<{ id?: string | string[] }> };

export default async function VerifyPage({ searchParams }: Props) {
  const { id } = await searchParams;
  return (
    <>
      <h1>Verify a track</h1>
      <p>
        Anyone can check how a Motif track was made: that its creator signed the manifest (model weights, parameters,
        seed, human edits), that every file matches its IPFS CID, and that the token on chain records the same folder,
        manifest and creator.
      </p>
      <p>
        Every check is defined in the <Link href="/spec/provenance">Motif Provenance specification</Link>, with{' '}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler (the vectors' JSON index), not a page */}
        <a href="/spec/provenance/vectors">test vectors</a>, so you can verify and replay a track with your own code.
      </p>
      <VerifyForm initialId={typeof id === 'string' ? id : ''} />
    </>
  );
}
