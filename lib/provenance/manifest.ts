import { UNIXFS_SETTINGS } from '../ipfs/unixfs-settings';
import { LICENCES, type LicenceName } from '../contracts/voucher';
import { aiDisclosureFor, summarizeEdits } from './disclosure';
import { InvalidManifestError } from './errors';
import { MANIFEST_TYPE, MANIFEST_VERSION, trackManifestSchema, type TrackManifest } from './manifest-schema';

/** Validates `value` as a version-1 manifest; throws InvalidManifestError listing every problem. */
export function parseManifest(value: unknown): TrackManifest {
  const result = trackManifestSchema.safeParse(value);
  if (!result.success) throw new InvalidManifestError(result.error.issues.map((i) => `${i.path.join('.') || '(manifest)'}: ${i.message}`));
  return result.data;
}

/** What a caller supplies; the derived fields (type, version, steps, edit summary, AI disclosure, IPFS settings) are filled in. */
export type BuildManifestParameters = Omit<TrackManifest, 'type' | 'version' | 'aiDisclosure' | 'ipfs' | 'edits' | 'generation' | 'licence'> & {
  generation: Omit<TrackManifest['generation'], 'steps'>;
  editLog: TrackManifest['edits']['log'];
  licence: LicenceName;
};

/** Builds a valid manifest, deriving what must not be chosen freely. */
export function buildManifest(params: BuildManifestParameters): TrackManifest {
  const { editLog, licence, generation, ...rest } = params;
  return parseManifest({
    type: MANIFEST_TYPE,
    version: MANIFEST_VERSION,
    ...rest,
    generation: { ...generation, steps: generation.bars * 4 * generation.primer.stepsPerQuarter },
    edits: { log: editLog, summary: summarizeEdits(editLog) },
    ipfs: { ...UNIXFS_SETTINGS },
    licence: { id: LICENCES.indexOf(licence), name: licence },
    aiDisclosure: aiDisclosureFor(editLog),
  });
}
