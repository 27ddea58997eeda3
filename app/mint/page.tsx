import type { Metadata } from 'next';
import Link from 'next/link';
import { MintFlow } from './mint-flow';
import './mint.css';

export const metadata: Metadata = { title: 'Mint' };

export default function MintPage() {
  return (
    <section aria-labelledby="mint-h" className="mint">
      <h1 id="mint-h">Mint a track</h1>
      <p>
        Sell it as a <strong aria-current="page">1/1</strong> (this form), or mint it and sell numbered copies as an{' '}
        <Link href="/mint/edition">Edition</Link>.
      </p>
      <MintFlow />
    </section>
  );
}
