import type { Metadata } from 'next';
import { LabelsHome } from './labels-home';

export const metadata: Metadata = { title: 'Labels' };

/** A signed-in wallet's labels, and a form to create one. */
export default function LabelsPage() {
  return (
    <section aria-labelledby="labels-heading">
      <h1 id="labels-heading">Labels</h1>
      <p>
        Labels manage catalogues, royalty splits and earnings for many tracks and many people. Sign in with Ethereum to
        see yours.
      </p>
      <LabelsHome />
    </section>
  );
}
