/**
 * The licences a track can carry: one list, in the ids of contracts/libraries/Licences.sol. The contract is the
 * authority; test/contracts/flows.test.ts reads every id's name and URI from the deployed contract and compares
 * them with this list, so the two cannot drift apart.
 *
 * Ids 0-5: a16z "Can't Be Evil" licences, in a16z's `LicenseVersion` order, from the bundle a16z published on
 * 2022-10-10 (it superseded the 2022-08 bundle `ar://_D9kN1WrNWbCq55BSAGRbTB4bS3v8QAPTYmBThSbX3A/`). Ids 6-12:
 * Creative Commons. Ids are stable: new licences may only be appended.
 */
const CBE_BASE = 'ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/';

/** Licence names by id (a tuple, so that zod can enumerate it). */
export const LICENCES = [
  'CBE-PUBLIC',
  'CBE-EXCLUSIVE',
  'CBE-COMMERCIAL',
  'CBE-COMMERCIAL-NO-HATE',
  'CBE-PERSONAL',
  'CBE-PERSONAL-NO-HATE',
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-ND-4.0',
] as const;
export type LicenceName = (typeof LICENCES)[number];

const URIS: Record<LicenceName, string> = {
  'CBE-PUBLIC': `${CBE_BASE}0`,
  'CBE-EXCLUSIVE': `${CBE_BASE}1`,
  'CBE-COMMERCIAL': `${CBE_BASE}2`,
  'CBE-COMMERCIAL-NO-HATE': `${CBE_BASE}3`,
  'CBE-PERSONAL': `${CBE_BASE}4`,
  'CBE-PERSONAL-NO-HATE': `${CBE_BASE}5`,
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
};

/** URI of licence `id`'s legal text, as the contract's `licenceURI(id)`. */
export function licenceUri(id: number): string {
  const name = LICENCES[id];
  if (!Number.isInteger(id) || name === undefined) throw new RangeError(`unknown licence ${id}`);
  return URIS[name];
}

/** Id of licence `name`, as the contract's `uint8 licence`. */
export function licenceId(name: LicenceName): number {
  return LICENCES.indexOf(name);
}
