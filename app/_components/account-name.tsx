import Link from 'next/link';
import { getAddress, type Address } from 'viem';
import { avatarOf } from '../../lib/profiles/avatar';
import { shortHex } from '../../lib/format/short-hex';
import type { People } from '../../lib/profiles/display-names';

/**
 * An account's avatar: the one they uploaded (`src`, served from the media route) else the generated one
 * (lib/profiles/avatar.ts). Decorative: the name beside it says who it is.
 */
export function AccountAvatar({ address, src, size = 20 }: { address: Address; src?: string | null; size?: number }) {
  if (src)
    // eslint-disable-next-line @next/next/no-img-element -- served from the IPFS media route, already immutable
    return <img className="avatar" src={src} alt="" width={size} height={size} />;
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

/** People as pages receive them: from the server (maps, lib/profiles/display-names.ts) or an API answer (records). */
export type PeopleLike =
  People | { names: Readonly<Record<string, string>>; avatars?: Readonly<Record<string, string>> };

type Lookup = ReadonlyMap<Address, string> | Readonly<Record<string, string>>;
const isMap = (m: Lookup): m is ReadonlyMap<Address, string> => m instanceof Map;
const lookup = (m: Lookup | undefined, a: Address): string | undefined =>
  m === undefined ? undefined : isMap(m) ? m.get(a) : m[a];

/**
 * An account's display name (else its short address; `named` says which) and uploaded avatar (else null: the
 * generated one).
 */
export function personOf(
  people: PeopleLike,
  address: Address,
): { name: string; named: boolean; avatar: string | null } {
  const a = getAddress(address);
  const name = lookup(people.names, a);
  return { name: name ?? shortHex(a), named: name !== undefined, avatar: lookup(people.avatars, a) ?? null };
}

/**
 * A person as pages show them: avatar and display name (else the short address), linking to their profile, with the
 * full address in the title for those who want it.
 */
export function AccountName({ address, people }: { address: Address; people: PeopleLike }) {
  const { name, avatar } = personOf(people, address);
  return (
    <Link href={`/profiles/${address}`} title={address} className="account-name">
      <AccountAvatar address={address} src={avatar} />
      {name}
    </Link>
  );
}
