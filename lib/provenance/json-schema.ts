import { z } from 'zod';
import { MANIFEST_VERSION, trackManifestSchema, trackManifestV1Schema, type ManifestVersion } from './manifest-schema';

/** Where the JSON Schema of manifest version N is published (served by Next from public/). */
export function manifestJsonSchemaPath(version: ManifestVersion): string {
  return `public/schemas/track-manifest-v${version}.json`;
}
/** The current version's JSON Schema file. */
export const MANIFEST_JSON_SCHEMA_PATH = manifestJsonSchemaPath(MANIFEST_VERSION);

const ENFORCED =
  'Also enforced (not expressible here): ' +
  'edits.log is the studio edit log; edits.summary and aiDisclosure are derived from edits.log.ops (any op => compositeWithTrainedAlgorithmicMedia); ' +
  'generation is the studio ComposeRequest (model.id = its modelId); generation.chordsPerBar has one chord per bar; ' +
  'a melody primer is shorter than the piece; licence.name = the name of licence.id. ' +
  'Digest: keccak256 of the RFC 8785 canonical JSON; signed as EIP-712 TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion).';

/**
 * JSON Schema (draft 2020-12) of manifest version `version` (default: the current one), generated from the zod
 * schema with zod 4's `z.toJSONSchema`. Refinements (derived fields: edit summary, AI disclosure, chords, licence
 * name) cannot be expressed in JSON Schema and are described in the schema's `description`; `parseManifest` and
 * `parseAnyManifest` enforce them. Version 1 is frozen: its file never changes.
 */
export function manifestJsonSchema(version: ManifestVersion = MANIFEST_VERSION): Record<string, unknown> {
  const schema = version === 1 ? trackManifestV1Schema : trackManifestSchema;
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
  const intro =
    version === 1
      ? 'How a Motif track was made: model weights (CID), generation parameters and seed, human edits, render settings, ' +
        'file digests and CIDs, creator, licence and IPTC AI disclosure. '
      : 'Motif Provenance 2.0 (/spec/provenance): how a Motif track was made: model weights (CID), generation parameters and seed, ' +
        'the sampler and arrangement procedures by id and version, human edits, render settings, file digests and CIDs, creator, ' +
        'licence and IPTC AI disclosure. ';
  return {
    ...generated,
    $id: `/schemas/track-manifest-v${version}.json`,
    title: `Motif track manifest, version ${version}`,
    description: intro + ENFORCED,
  };
}

/** The file's text: 2-space JSON with a final newline. */
export function manifestJsonSchemaText(version: ManifestVersion = MANIFEST_VERSION): string {
  return `${JSON.stringify(manifestJsonSchema(version), null, 2)}\n`;
}
