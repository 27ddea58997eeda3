'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useConnection } from 'wagmi';
import { useSiwe } from '../../_hooks/use-siwe';

/** Edit form for the profile's own wallet, once signed in with Ethereum. */
export function ProfileEditor({
  address,
  displayName,
  bio,
}: {
  address: string;
  displayName: string | null;
  bio: string | null;
}) {
  const router = useRouter();
  const connection = useConnection();
  const { signedInAs, signIn } = useSiwe();
  const [name, setName] = useState(displayName ?? '');
  const [text, setText] = useState(bio ?? '');
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message: string }>({
    kind: 'idle',
    message: '',
  });

  if (connection.address !== address) return null;
  if (signedInAs !== address) {
    return (
      <p>
        This is your profile.{' '}
        <button type="button" onClick={() => signIn.mutate()} disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in with Ethereum to edit it'}
        </button>
        {signIn.error && <span role="alert"> {signIn.error.message}</span>}
      </p>
    );
  }
  return (
    <form
      aria-label="Edit profile"
      onSubmit={async (e) => {
        e.preventDefault();
        setStatus({ kind: 'saving', message: 'Saving…' });
        const res = await fetch(`/api/profiles/${address}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: name, bio: text }),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: string[] };
        if (!res.ok) {
          setStatus({
            kind: 'error',
            message: [body.error, ...(body.issues ?? [])].filter(Boolean).join(': ') || `HTTP ${res.status}`,
          });
          return;
        }
        setStatus({ kind: 'saved', message: 'Profile saved.' });
        router.refresh();
      }}
    >
      <h2>Edit profile</h2>
      <label>
        Display name <input name="displayName" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Bio <textarea name="bio" maxLength={1000} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" disabled={status.kind === 'saving'}>
        Save profile
      </button>
      <p role={status.kind === 'error' ? 'alert' : 'status'}>{status.message}</p>
    </form>
  );
}
