'use client';

import type { Address } from 'viem';
import { useConnection } from 'wagmi';
import { planWithdrawal } from '../../lib/balance/plan-withdrawal';
import type { AccountBalance, TokenAmount } from '../../lib/balance/read-balance';
import { formatAmount } from '../../lib/format/amount';
import { shortHex } from '../../lib/format/short-hex';
import { useFormatAmount } from '../_hooks/use-chain-info';
import { useAccountBalance } from './use-account-balance';
import { useWithdrawAll, type StepStatus } from './use-withdraw-all';

const tokenText = (t: TokenAmount) => formatAmount(t.amount, { symbol: t.symbol, decimals: t.decimals });

function statusText(s: StepStatus): string {
  switch (s.phase) {
    case 'waiting':
      return 'waiting';
    case 'signing':
      return 'confirm in your wallet…';
    case 'pending':
      return `sent (${shortHex(s.hash)}), waiting for confirmation…`;
    case 'confirmed':
      return `confirmed (${shortHex(s.hash)})`;
    case 'failed':
      return `failed: ${s.reason}`;
  }
}

function Breakdown({ balance }: { balance: AccountBalance }) {
  const format = useFormatAmount();
  const rows: { what: string; amount: string }[] = [];
  const { market, vouchers, editions } = balance.credits;
  if (market > 0n) rows.push({ what: 'Market credits (sales and offers)', amount: format(market) });
  if (vouchers > 0n) rows.push({ what: 'Lazy-mint voucher proceeds', amount: format(vouchers) });
  if (editions > 0n) rows.push({ what: 'Editions credits (releases and referrals)', amount: format(editions) });
  for (const t of balance.marketTokens) rows.push({ what: 'Market credits (sales and offers)', amount: tokenText(t) });
  for (const t of balance.editionsTokens)
    rows.push({ what: 'Editions credits (sales and referrals)', amount: tokenText(t) });
  for (const t of balance.voucherTokens) rows.push({ what: 'Lazy-mint voucher proceeds', amount: tokenText(t) });
  if (balance.splitMain.native > 0n)
    rows.push({ what: 'Split earnings distributed to you', amount: format(balance.splitMain.native) });
  for (const t of balance.splitMain.tokens)
    rows.push({ what: 'Split earnings distributed to you', amount: tokenText(t) });
  for (const s of balance.pending) {
    const what = `Your ${s.share / 10_000}% of split ${shortHex(s.split)}, not yet distributed`;
    if (s.yours > 0n) rows.push({ what, amount: format(s.yours) });
    for (const t of s.yoursTokens) if (t.amount > 0n) rows.push({ what, amount: tokenText(t) });
  }
  return (
    <table className="money-breakdown" data-testid="money-breakdown">
      <caption className="visually-hidden">Where your money is</caption>
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.what}</td>
            <td>{r.amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccountMoney({ account }: { account: Address }) {
  const format = useFormatAmount();
  const balance = useAccountBalance(account);
  const withdraw = useWithdrawAll();
  if (balance.isPending) return <p role="status">Reading your balance…</p>;
  if (balance.isError)
    return (
      <>
        <p role="alert">Could not read your balance: {balance.error.message}</p>
        <button type="button" onClick={() => void balance.refetch()}>
          Try again
        </button>
      </>
    );
  const b = balance.data;
  const steps = planWithdrawal(b);
  const run = withdraw.run;
  const total = [format(b.totalNative), ...b.totalTokens.map(tokenText)].join(' + ');
  return (
    <>
      <section aria-labelledby="money-total-heading">
        <h2 id="money-total-heading">Total you can withdraw</h2>
        <p className="money-total" data-testid="money-total" aria-live="polite">
          {total}
        </p>
        {steps.length === 0 && !run ? (
          <p data-testid="money-empty">Nothing to withdraw.</p>
        ) : (
          steps.length > 0 && <Breakdown balance={b} />
        )}
      </section>
      {steps.length > 0 && (
        <button type="button" disabled={withdraw.busy || balance.isFetching} onClick={() => void withdraw.start(steps)}>
          {`Withdraw all (${steps.length} ${steps.length === 1 ? 'transaction' : 'transactions'})`}
        </button>
      )}
      {run && (
        <section aria-labelledby="money-progress-heading">
          <h2 id="money-progress-heading">Withdrawal</h2>
          <ol className="money-steps" data-testid="money-steps">
            {run.steps.map((step, i) => {
              const status = run.status[i] ?? { phase: 'waiting' };
              return (
                <li key={i} data-phase={status.phase}>
                  {step.label}: <span>{statusText(status)}</span>
                </li>
              );
            })}
          </ol>
          {run.done && <p role="status">Withdraw all: confirmed. The money is in your wallet.</p>}
          {run.failed && (
            <p role="alert">
              Withdraw all stopped: a transaction failed (its reason is above). Nothing was lost: what did not move is
              still yours and shown in the total; Withdraw all again to retry.
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** The connected account's money (app/money/page.tsx): total, where it is, and Withdraw all with per-step progress. */
export function MoneyView() {
  const connection = useConnection();
  if (!connection.isConnected || !connection.address)
    return <p className="muted">Connect a wallet (top right) to see the money you can withdraw.</p>;
  return <AccountMoney account={connection.address} />;
}
