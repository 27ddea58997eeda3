'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useConnection, useSignMessage } from 'wagmi';
import { createSiweMessage } from 'viem/siwe';
import type { Address } from 'viem';

export type SiweSession = { address: Address; chainId: number; expiresAt: string } | { address: null };

const SESSION_KEY = ['motif', 'siwe-session'] as const;
const STATEMENT = 'Sign in to Motif to edit your profile and drafts. This costs nothing and sends no transaction.';

async function readJson<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

/** The Sign-In with Ethereum session (cookie-backed): who is signed in, and sign in / sign out. */
export function useSiwe() {
  const queryClient = useQueryClient();
  const { address, chainId } = useConnection();
  const { signMessageAsync } = useSignMessage();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => readJson<SiweSession>(await fetch('/api/auth/session', { cache: 'no-store' })),
    staleTime: 30_000,
  });
  const signIn = useMutation({
    mutationFn: async () => {
      if (!address || !chainId) throw new Error('Connect a wallet first');
      const { nonce } = await readJson<{ nonce: string }>(await fetch('/api/auth/nonce', { cache: 'no-store' }));
      const message = createSiweMessage({
        address,
        chainId,
        domain: window.location.host,
        uri: window.location.origin + '/',
        nonce,
        version: '1',
        statement: STATEMENT,
        issuedAt: new Date(),
        expirationTime: new Date(Date.now() + 10 * 60 * 1000),
      });
      const signature = await signMessageAsync({ message, account: address });
      return readJson<SiweSession>(
        await fetch('/api/auth/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message, signature }),
        }),
      );
    },
    onSuccess: (data) => queryClient.setQueryData(SESSION_KEY, data),
  });
  const signOut = useMutation({
    mutationFn: async () => readJson<{ ok: true }>(await fetch('/api/auth/logout', { method: 'POST' })),
    onSuccess: () => queryClient.setQueryData(SESSION_KEY, { address: null } satisfies SiweSession),
  });
  const signedInAs = session.data?.address ?? null;
  return { session, signedInAs, signIn, signOut };
}
