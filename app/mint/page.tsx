import type { Metadata } from 'next';
import { MintFlow } from './mint-flow';
import './mint.css';

export const metadata: Metadata = { title: 'Mint' };

export default function MintPage() {
  return (
    <section aria-labelledby="mint-h" className="mint">
      <h1 id="mint-h">Mint a track</h1>
      <MintFlow />
    </section>
  );
}
