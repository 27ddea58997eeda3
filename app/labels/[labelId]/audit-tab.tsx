'use client';

import { useQuery } from '@tanstack/react-query';
import type { AuditView } from '../../../lib/labels/queries';
import { api } from '../api-client';
import styles from './dashboard.module.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The audit log, newest first: one sentence per entry ("Alice added ‘Song’ to the catalogue") and its time. */
export function AuditTab({ labelId }: { labelId: string }) {
  const audit = useQuery({
    queryKey: ['label-audit', labelId],
    queryFn: () => api<{ entries: AuditView[] }>(`/api/labels/${labelId}/audit`),
    refetchInterval: 5000,
  });
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      {audit.error ? (
        <p role="alert">{audit.error.message}</p>
      ) : audit.isPending ? (
        <p role="status">Loading the audit log…</p>
      ) : (
        <ol aria-label="Who did what, newest first" className={styles.audit}>
          {audit.data.entries.map((e) => (
            <li key={e.id} data-action={e.action}>
              <span>{e.sentence}</span> <time dateTime={e.at}>{when(e.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
