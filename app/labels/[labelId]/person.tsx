'use client';

import { useState } from 'react';
import { getAddress, isAddress } from 'viem';
import styles from './dashboard.module.css';
import { AccountAvatar, personOf, type PeopleLike } from '../../_components/account-name';

/**
 * A person as the dashboard shows them: their avatar (uploaded, else generated) and profile display name, else the
 * short address (0x1234…abcd); the full address is in the title and one click away with the copy button.
 */
export function Person({ address, people }: { address: string; people: PeopleLike }) {
  const [copied, setCopied] = useState(false);
  if (!isAddress(address, { strict: false })) return <span>{address || '—'}</span>;
  const full = getAddress(address);
  const { name, named, avatar } = personOf(people, full);
  return (
    <span className={styles.person}>
      <AccountAvatar address={full} src={avatar} />{' '}
      {named ? <span title={full}>{name}</span> : <code title={full}>{name}</code>}{' '}
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
