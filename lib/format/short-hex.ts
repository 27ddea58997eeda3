/**
 * An address or token id cut to its first 6 and last 4 characters (`0x1234…abcd`), as wallets show them.
 * Values of 12 characters or fewer are returned whole: cutting them would hide nothing.
 */
export function shortHex(value: string): string {
  return value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}
