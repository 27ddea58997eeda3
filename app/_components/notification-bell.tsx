'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { isAddress } from 'viem';
import { useSiwe } from '../_hooks/use-siwe';
import { AccountAvatar } from './account-name';

const KEY = ['motif', 'notifications'] as const;

/**
 * The header's bell for the signed-in account (lib/notifications over /api/notifications): a button named with the
 * unread count that discloses the list; "Mark all as read" records the newest one seen. Escape closes it and gives
 * focus back to the bell.
 */
export function NotificationBell() {
  const { signedInAs } = useSiwe();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const notifications = useQuery({
    queryKey: [...KEY, signedInAs],
    enabled: signedInAs !== null,
    refetchInterval: 15_000,
    queryFn: async () => {
      const response = await fetch('/api/notifications', { cache: 'no-store' });
      if (!response.ok) throw new Error(`Notifications could not be read (HTTP ${response.status})`);
      // zod is loaded with the first answer, not with every page: the header is on all of them (home.firstload.kb)
      const { notificationsSchema } = await import('./notifications-schema');
      return notificationsSchema.parse(await response.json());
    },
  });
  const markRead = useMutation({
    mutationFn: async (upTo: { blockNumber: string; logIndex: number }) => {
      const response = await fetch('/api/notifications/read', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(upTo),
      });
      if (!response.ok) throw new Error(`Marking as read failed (HTTP ${response.status})`);
    },
    // The button goes once all is read: focus returns to the bell rather than dropping to the page.
    onSuccess: () => button.current?.focus(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  if (signedInAs === null) return null;
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  const newest = items[0];
  return (
    <div className="notification-bell">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <span aria-hidden="true">🔔</span> <span className="visually-hidden">Notifications, </span>
        {`${unread} unread`}
      </button>
      <div id={panelId} className="notification-panel" role="region" aria-label="Notifications" hidden={!open}>
        {notifications.isPending ? (
          <p role="status">Loading notifications…</p>
        ) : notifications.isError ? (
          <p role="alert">{notifications.error.message}</p>
        ) : items.length === 0 ? (
          <p>No notifications yet.</p>
        ) : (
          <>
            <ul data-testid="notifications">
              {items.map((n) => (
                <li key={n.id} data-unread={n.unread}>
                  {n.unread && <span className="visually-hidden">Unread: </span>}
                  <Link href={n.href} onClick={() => setOpen(false)}>
                    {n.person && isAddress(n.person) && (
                      <>
                        <AccountAvatar address={n.person} src={n.avatar} />{' '}
                      </>
                    )}
                    {n.text}
                  </Link>
                </li>
              ))}
            </ul>
            {newest && unread > 0 && (
              <button
                type="button"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate({ blockNumber: newest.blockNumber, logIndex: newest.logIndex })}
              >
                Mark all as read
              </button>
            )}
            {markRead.isError && <p role="alert">{markRead.error.message}</p>}
          </>
        )}
      </div>
    </div>
  );
}
