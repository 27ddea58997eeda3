import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { toMotifAddresses } from '../lib/chain/contracts';
import { describeChain } from '../lib/chain/wagmi-config';
import { resolveChain } from '../lib/config/chains';
import { getServices } from '../lib/platform/services';
import { WalletMenu } from './_components/wallet-menu';
import { Providers } from './providers';
import './globals.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Motif', template: '%s · Motif' },
  description: 'Compose with machine-learning models in your browser, prove how it was made, and mint it with fair royalty splits.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const services = await getServices();
  const { chain, stack } = resolveChain(services.env);
  const addresses = toMotifAddresses(await services.contractAddresses());
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <Providers chain={describeChain(chain, services.rpcUrl, stack)} addresses={addresses}>
          <header className="site">
            <a className="brand" href="/">Motif</a>
            <nav aria-label="Main">
              <ul className="nav-links">
                <li><a href="/studio">Studio</a></li>
                <li><a href="/gallery">Gallery</a></li>
                <li><a href="/verify">Verify</a></li>
                <li><a href="/activity">Activity</a></li>
                <li><a href="/labels">Labels</a></li>
                <li><a href="/">Status</a></li>
              </ul>
            </nav>
            <WalletMenu />
          </header>
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
