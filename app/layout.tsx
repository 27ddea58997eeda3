import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { toMotifAddresses } from '../lib/chain/contracts';
import { describeChain } from '../lib/chain/wagmi-config';
import { resolveChain } from '../lib/config/chains';
import { getServices } from '../lib/platform/services';
import { serverTokenCurrencies } from './_components/server-currency';
import { PlayerProvider } from './_components/player/player-context';
import { NotificationBell } from './_components/notification-bell';
import { WalletMenu } from './_components/wallet-menu';
import { Providers } from './providers';
import './globals.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Motif', template: '%s · Motif' },
  description:
    'Compose with machine-learning models in your browser, prove how it was made, and mint it with fair royalty splits.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const services = await getServices();
  const { chain, stack } = resolveChain(services.env);
  const addresses = toMotifAddresses(await services.contractAddresses());
  const [stablecoin] = await serverTokenCurrencies();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers
          chain={{ ...describeChain(chain, services.rpcUrl, stack), ...(stablecoin ? { stablecoin } : {}) }}
          addresses={addresses}
        >
          <header className="site">
            <Link className="brand" href="/">
              Motif
            </Link>
            <nav aria-label="Main">
              <ul className="nav-links">
                <li>
                  <Link href="/studio">Studio</Link>
                </li>
                <li>
                  <Link href="/gallery">Gallery</Link>
                </li>
                <li>
                  <Link href="/verify">Verify</Link>
                </li>
                <li>
                  <Link href="/activity">Activity</Link>
                </li>
                <li>
                  <Link href="/labels">Labels</Link>
                </li>
                <li>
                  <Link href="/money">Your money</Link>
                </li>
              </ul>
            </nav>
            <NotificationBell />
            <WalletMenu />
          </header>
          <PlayerProvider>
            <main id="main">{children}</main>
            <footer className="site-footer">
              <nav aria-label="Footer">
                <ul className="footer-links">
                  <li>
                    <Link href="/status">Platform status</Link>
                  </li>
                  <li>
                    <Link href="/spec/provenance">Provenance spec</Link>
                  </li>
                  <li>
                    <Link href="/verify">Verify a track</Link>
                  </li>
                </ul>
              </nav>
              <p className="muted">Motif: music composed with open models, with its provenance on chain.</p>
            </footer>
          </PlayerProvider>
        </Providers>
      </body>
    </html>
  );
}
