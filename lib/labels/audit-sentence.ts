import { getAddress, isAddress } from 'viem';
import { shortHex } from '../format/short-hex';

/** What a sentence needs to name people and tracks: display names by address, titles by token id. */
export type SentenceContext = { names: Readonly<Record<string, string>>; titles: Readonly<Record<string, string>> };

type Details = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A person: their display name, else the short address (0x1234…abcd). */
export function personName(address: string, ctx: SentenceContext): string {
  if (!isAddress(address, { strict: false })) return address || 'someone';
  return ctx.names[getAddress(address)] ?? shortHex(getAddress(address));
}

function track(tokenId: unknown, ctx: SentenceContext): string {
  const id = str(tokenId);
  const title = ctx.titles[id];
  return title ? `‘${title}’` : `token ${shortHex(id)}`;
}

function tracks(d: Details, ctx: SentenceContext): string {
  const ids = Array.isArray(d.tokenIds) ? d.tokenIds.map(str) : [str(d.tokenId)];
  if (ids.length <= 3) return ids.map((id) => track(id, ctx)).join(', ');
  return `${ids.length} tracks`;
}

const split = (d: Details) => `split ${shortHex(str(d.split))}`;

/**
 * One plain sentence for an audit entry ("Alice added ‘Song’ to the catalogue"), by its action; an action this
 * function does not know still reads as "<who> did <action>".
 */
export function auditSentence(
  entry: { actor: string; action: string; details: unknown },
  ctx: SentenceContext,
): string {
  const who = personName(entry.actor, ctx);
  const d: Details =
    entry.details && typeof entry.details === 'object' && !Array.isArray(entry.details)
      ? (entry.details as Details)
      : {};
  const person = (key: string) => personName(str(d[key]), ctx);
  switch (entry.action) {
    case 'label.create':
      return `${who} created the label ‘${str(d.name)}’`;
    case 'member.invite':
      return `${who} added ${person('member')} as ${str(d.role)}`;
    case 'member.remove':
      return `${who} removed ${person('member')} (${str(d.role)}) from the label`;
    case 'member.changeRole':
      return `${who} changed ${person('member')}’s role from ${str(d.from)} to ${str(d.to)}`;
    case 'catalogue.add':
      return `${who} added ${tracks(d, ctx)} to the catalogue${d.basis === 'split-control' ? ' (the label controls its split)' : ''}`;
    case 'catalogue.remove':
      return `${who} removed ${tracks(d, ctx)} from the catalogue${d.by === 'creator' ? ' (as its creator)' : ''}`;
    case 'catalogue.request':
      return `${who} asked ${person('creator')} to add ${tracks(d, ctx)} to the catalogue`;
    case 'catalogue.accept':
      return `${who} accepted the request for ${tracks(d, ctx)}, which joined the catalogue`;
    case 'catalogue.decline':
      return `${who} declined the request for ${tracks(d, ctx)}`;
    case 'split.create':
      return `${who} created ${split(d)}`;
    case 'split.update':
      return `${who} changed the recipients of ${split(d)}`;
    case 'split.makeImmutable':
      return `${who} made ${split(d)} immutable`;
    case 'split.transferControl':
      if (d.step === 'split.acceptControl') return `${who} accepted control of ${split(d)}`;
      if (d.step === 'split.cancelControlTransfer') return `${who} cancelled the hand-over of ${split(d)}`;
      return `${who} offered control of ${split(d)} to ${person('newController')}`;
    case 'earnings.distribute':
      return `${who} distributed the earnings of ${split(d)}`;
    case 'earnings.withdraw':
      return `${who} withdrew the earnings of ${person('account')}`;
    default:
      return `${who} did ${entry.action}`;
  }
}

/** Every address and token id an entry's details mention (to look up their names and titles). */
export function mentioned(details: unknown): { addresses: string[]; tokenIds: string[] } {
  const d: Details = details && typeof details === 'object' && !Array.isArray(details) ? (details as Details) : {};
  const addresses = ['member', 'creator', 'newController', 'account', 'requestedBy'].map((k) => str(d[k]));
  const tokenIds = Array.isArray(d.tokenIds) ? d.tokenIds.map(str) : d.tokenId !== undefined ? [str(d.tokenId)] : [];
  return { addresses: addresses.filter(Boolean), tokenIds: tokenIds.filter((t) => /^\d{1,78}$/.test(t)) };
}
