import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Motif', template: '%s · Motif' },
  description: 'Compose with machine-learning models in your browser, prove how it was made, and mint it with fair royalty splits.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site">
          <a className="brand" href="/">Motif</a>
          <nav aria-label="Main">
            <a href="/api/health">Health (JSON)</a>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
