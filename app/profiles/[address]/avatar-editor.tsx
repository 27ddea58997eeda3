'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useConnection } from 'wagmi';
import { useSiwe } from '../../_hooks/use-siwe';

/**
 * Avatar upload for the profile's own wallet, once signed in with Ethereum: the file is sent as it is to
 * PUT /api/profiles/:address/avatar, which checks its bytes (PNG, JPEG or WebP), its size (at most 2 MB) and the
 * session, and pins it; the server's reason is shown when it refuses.
 */
export function AvatarEditor({ address }: { address: string }) {
  const id = useId();
  const router = useRouter();
  const connection = useConnection();
  const { signedInAs } = useSiwe();
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message: string }>({
    kind: 'idle',
    message: '',
  });

  if (connection.address !== address || signedInAs !== address) return null;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setStatus({ kind: 'saving', message: 'Uploading the avatar…' });
    const res = await fetch(`/api/profiles/${address}/avatar`, { method: 'PUT', body: file });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) return setStatus({ kind: 'error', message: body.error ?? `HTTP ${res.status}` });
    setStatus({ kind: 'saved', message: 'Avatar saved.' });
    router.refresh();
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Avatar</h2>
      <label>
        Upload an avatar (PNG, JPEG or WebP, at most 2 MB)
        <input
          type="file"
          name="avatar"
          accept="image/png,image/jpeg,image/webp"
          disabled={status.kind === 'saving'}
          aria-invalid={status.kind === 'error'}
          aria-describedby={`${id}-status`}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </label>
      <p id={`${id}-status`} role={status.kind === 'error' ? 'alert' : 'status'}>
        {status.message}
      </p>
    </section>
  );
}
