import { EDIT_LOG_VERSION, type EditOp } from '../generation/edit-log/schema';
import { UNIXFS_SETTINGS } from '../ipfs/unixfs-settings';
import { LICENCES, type LicenceName } from '../contracts/licences';
import { aiDisclosureFor, summarizeEdits } from './disclosure';
import { InvalidManifestError } from './errors';
import {
  anyTrackManifestSchema,
  MANIFEST_TYPE,
  MANIFEST_VERSION,
  trackManifestSchema,
  type AnyTrackManifest,
  type TrackManifest,
} from './manifest-schema';

/** Validates `value` as a current (version 2) manifest; throws InvalidManifestError listing every problem. */
export function parseManifest(value: unknown): TrackManifest {
  const result = trackManifestSchema.safeParse(value);
  if (!result.success)
    throw new InvalidManifestError(result.error.issues.map((i) => `${i.path.join('.') || '(manifest)'}: ${i.message}`));
  return result.data;
}

/** Validates `value` as a manifest of any accepted version (1 or 2, by its `version`); throws InvalidManifestError. */
export function parseAnyManifest(value: unknown): AnyTrackManifest {
  const result = anyTrackManifestSchema.safeParse(value);
  if (!result.success)
    throw new InvalidManifestError(result.error.issues.map((i) => `${i.path.join('.') || '(manifest)'}: ${i.message}`));
  return result.data;
}

/** What a caller supplies; the derived fields (type, version, edit summary, AI disclosure, IPFS settings) are filled in. */
export type BuildManifestParameters = Omit<
  TrackManifest,
  'type' | 'version' | 'aiDisclosure' | 'ipfs' | 'edits' | 'licence'
> & {
  /** The studio's edit-log operations (lib/generation/edit-log), in order. */
  editLog: readonly EditOp[];
  licence: LicenceName;
};

/** Builds a valid manifest, deriving what must not be chosen freely. */
export function buildManifest(params: BuildManifestParameters): TrackManifest {
  const { editLog, licence, generation, ...rest } = params;
  return parseManifest({
    type: MANIFEST_TYPE,
    version: MANIFEST_VERSION,
    ...rest,
    generation,
    edits: { log: { version: EDIT_LOG_VERSION, ops: [...editLog] }, summary: summarizeEdits(editLog) },
    ipfs: { ...UNIXFS_SETTINGS },
    licence: { id: LICENCES.indexOf(licence), name: licence },
    aiDisclosure: aiDisclosureFor(editLog),
  });
}
