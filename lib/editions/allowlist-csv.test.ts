import { describe, expect, it } from 'vitest';
import { parseAllowlistCsv } from './allowlist-csv';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'; // checksummed (anvil account 1)
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'; // checksummed (anvil account 2)

describe('parseAllowlistCsv', () => {
  it('reads addresses from the first column, skipping a header, blank lines, comments and other columns; normalises to checksums', () => {
    const result = parseAllowlistCsv(`\uFEFFaddress,name\r\n${A},alice\r\n\r\n# friends\n"${B.toLowerCase()}";bob\n`);
    expect(result).toEqual({ ok: true, addresses: [A, B] });
  });

  it('reports every problem with its line: bad hex, wrong checksum, zero address, duplicates (case-insensitive)', () => {
    const badChecksum = `0x70997970c51812DC3A010C7d01b50e0d17dc79C8`; // mixed case, not EIP-55
    const result = parseAllowlistCsv(
      [A, '0x1234', badChecksum, '0x0000000000000000000000000000000000000000', A.toLowerCase(), 'vitalik.eth'].join(
        '\n',
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.issues[0]?.message).toMatch(/not a 0x address/);
    expect(result.issues[1]?.message).toMatch(/wrong checksum/);
    expect(result.issues[2]?.message).toMatch(/zero address/);
    expect(result.issues[3]?.message).toMatch(/listed twice \(first on line 1\)/);
    expect(result.issues[4]?.message).toMatch(/"vitalik.eth" is not a 0x address/);
  });

  it('refuses an empty list', () => {
    expect(parseAllowlistCsv('address\n\n')).toEqual({
      ok: false,
      issues: [{ line: 0, message: 'the file lists no address' }],
    });
  });
});
