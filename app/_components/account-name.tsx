import Link from 'next/link';
import type { Address } from 'viem';
import { avatarOf } from '../../lib/profiles/avatar';
import { shortHex } from '../../lib/format/short-hex';

/** An account's generated avatar (lib/profiles/avatar.ts): decorative, the name beside it says who it is. */
export function AccountAvatar({ address, size = 20 }: { address: Address; size?: number }) {
  const { hue, cells } = avatarOf(address);
  return (
    <svg className="avatar" width={size} height={size} viewBox="0 0 5 5" aria-hidden="true" focusable="false">
      <rect width="5" height="5" fill={`hsl(${hue} 35% 18%)`} />
      {cells.map((c) => (
        <rect key={`${c.x},${c.y}`} x={c.x} y={c.y} width="1" height="1" fill={`hsl(${hue} 70% 62%)`} />
      ))}
    </svg>
  );
}

/**
 * A person as pages show them: avatar and display name (else the short address), linking to their profile, with the
 * full address in the title for those who want it.
 */
export function AccountName({ address, names }: { address: Address; names: ReadonlyMap<Address, string> }) {
  return (
    <Link href={`/profiles/${address}`} title={address} className="account-name">
      <AccountAvatar address={address} />
      {names.get(address) ?? shortHex(address)}
    </Link>
  );
}
