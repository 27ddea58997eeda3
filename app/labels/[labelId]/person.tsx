'use client';

import { useState } from 'react';
import { getAddress, isAddress } from 'viem';
import styles from './dashboard.module.css';
import { shortHex } from '../../../lib/format/short-hex';

/**
 * A person as the dashboard shows them: their profile display name, else the short address (0x1234…abcd); the
 * full address is in the title and one click away with the copy button.
 */
export function Person({ address, names }: { address: string; names: Readonly<Record<string, string>> }) {
  const [copied, setCopied] = useState(false);
  if (!isAddress(address, { strict: false })) return <span>{address || '—'}</span>;
  const full = getAddress(address);
  const name = names[full];
  return (
    <span className={styles.person}>
      {name ? <span title={full}>{name}</span> : <code title={full}>{shortHex(full)}</code>}{' '}
      <button
        type="button"

        aria-label={`Copy address ${full}`}
        onClick={() =>
          void navigator.clipboard?.writeText(full).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
