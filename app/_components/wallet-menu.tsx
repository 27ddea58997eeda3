'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useChainId, useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from 'wagmi';
import { shortHex } from '../../lib/format/short-hex';
import { useSiwe } from '../_hooks/use-siwe';
import { describeWalletError } from '../../lib/errors/wallet';

/**
 * The header's wallet menu: connect (injected wallets; on the local chain, the labelled dev accounts), disconnect,
 * switch to Motif's chain when the wallet is on another, and Sign-In with Ethereum for off-chain actions.
 */
export function WalletMenu() {
  const [open, setOpen] = useState(false);
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();
  const configuredChainId = useChainId();
  const { signedInAs, signIn, signOut } = useSiwe();
  const wrongChain = connection.isConnected && connection.chainId !== configuredChainId;
  const error = connect.error ?? switchChain.error ?? signIn.error ?? signOut.error;

  if (connection.isConnected && connection.address) {
    const signedIn = signedInAs === connection.address;
    return (
      <div className="wallet-menu" data-testid="wallet-menu">
        <span aria-label="Connected wallet" title={connection.address}>
          {shortHex(connection.address)}{' '}
          <span className="muted">({connection.connector?.name.split(' — ')[0] ?? 'wallet'})</span>
        </span>{' '}
        {wrongChain ? (
          <button
            type="button"
            onClick={() => switchChain.mutate({ chainId: configuredChainId })}
            disabled={switchChain.isPending}
          >
            {switchChain.isPending ? 'Switching…' : 'Wrong network: switch to Motif’s chain'}
          </button>
        ) : signedIn ? (
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out ({shortHex(connection.address)})
          </button>
        ) : (
          <button type="button" onClick={() => signIn.mutate()} disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in with Ethereum'}
          </button>
        )}{' '}
        <Link href={`/profiles/${connection.address}`}>My profile</Link>{' '}
        <button
          type="button"
          onClick={() => {
            if (signedIn) signOut.mutate();
            disconnect.mutate({});
          }}
        >
          Disconnect
        </button>
        {wrongChain && (
          <p role="alert">
            Your wallet is on chain {connection.chainId}; Motif runs on chain {configuredChainId}.
          </p>
        )}
        {error && <p role="alert">{describeWalletError(error)}</p>}
      </div>
    );
  }

  return (
    <div className="wallet-menu" data-testid="wallet-menu">
      <button type="button" aria-expanded={open} aria-controls="wallet-connectors" onClick={() => setOpen((o) => !o)}>
        {connection.isConnecting || connection.isReconnecting ? 'Connecting…' : 'Connect wallet'}
      </button>
      {open && (
        <ul id="wallet-connectors" aria-label="Wallets">
          {connectors.map((connector) => (
            <li key={connector.uid}>
              <button
                type="button"
                disabled={connect.isPending}
                onClick={() =>
                  connect.mutate({ connector, chainId: configuredChainId }, { onSuccess: () => setOpen(false) })
                }
              >
                {connector.type === 'injected' && connector.id === 'injected' ? 'Browser wallet' : connector.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {connect.error && <p role="alert">{describeWalletError(connect.error)}</p>}
    </div>
  );
}
