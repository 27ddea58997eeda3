import type { Metadata } from 'next';
import { MoneyView } from './money-view';

export const metadata: Metadata = { title: 'Your money' };

/** Every credit the connected account can withdraw, summed, and one button that withdraws it all (lib/balance). */
export default function MoneyPage() {
  return (
    <>
      <h1>Your money</h1>
      <MoneyView />
    </>
  );
}
