import { getAddress, isAddress, type Address } from 'viem';

/** Most addresses one allowlist may hold (the tree and its pinned file stay small enough for a browser). */
export const MAX_ALLOWLIST_ADDRESSES = 20_000;

export type AllowlistIssue = { line: number; message: string };
export type AllowlistParseResult = { ok: true; addresses: Address[] } | { ok: false; issues: AllowlistIssue[] };

/**
 * Reads an allowlist CSV: one address per line in the first column (other columns, a header row naming the
 * column `address` or `wallet`, blank lines and `#` comments are ignored). Mixed-case addresses must carry a valid
 * EIP-55 checksum (a mistyped character is then caught); all-lower or all-upper ones are accepted. Duplicates,
 * malformed addresses and the zero address are reported with their line numbers; every issue is reported, not
 * only the first, so a creator fixes the file in one go.
 */
export function parseAllowlistCsv(text: string): AllowlistParseResult {
  const issues: AllowlistIssue[] = [];
  const addresses: Address[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cell = (raw.split(/[,;\t]/)[0] ?? '')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (cell === '' || cell.startsWith('#')) return;
    if (addresses.length === 0 && issues.length === 0 && /^(address|wallet|account)$/i.test(cell)) return; // header
    if (!/^0x[0-9a-fA-F]{40}$/.test(cell)) {
      issues.push({ line, message: `"${cell.slice(0, 60)}" is not a 0x address (40 hex digits)` });
      return;
    }
    const mixed = cell.slice(2) !== cell.slice(2).toLowerCase() && cell.slice(2) !== cell.slice(2).toUpperCase();
    if (mixed && !isAddress(cell, { strict: true })) {
      issues.push({ line, message: `${cell} has a wrong checksum (mixed case must be EIP-55: ${getAddress(cell)}?)` });
      return;
    }
    const address = getAddress(cell.toLowerCase());
    if (BigInt(address) === 0n) {
      issues.push({ line, message: 'the zero address cannot mint' });
      return;
    }
    const seen = firstLine.get(address);
    if (seen !== undefined) {
      issues.push({ line, message: `${address} is listed twice (first on line ${seen})` });
      return;
    }
    firstLine.set(address, line);
    addresses.push(address);
  });
  if (issues.length === 0 && addresses.length === 0) issues.push({ line: 0, message: 'the file lists no address' });
  if (addresses.length > MAX_ALLOWLIST_ADDRESSES)
    issues.push({
      line: 0,
      message: `at most ${MAX_ALLOWLIST_ADDRESSES} addresses (the file lists ${addresses.length})`,
    });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, addresses };
}
