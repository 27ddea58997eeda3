import { z } from 'zod';
import { MANIFEST_VERSION, trackManifestSchema } from './manifest-schema';

/** Where the JSON Schema of manifest version N is published (served by Next from public/). */
export const MANIFEST_JSON_SCHEMA_PATH = `public/schemas/track-manifest-v${MANIFEST_VERSION}.json`;

/**
 * JSON Schema (draft 2020-12) of the manifest, generated from the zod schema with zod 4's `z.toJSONSchema`.
 * Refinements (derived fields: edit summary, AI disclosure, steps, licence name) cannot be expressed in JSON Schema
 * and are described in the schema's `description`; they are enforced by `parseManifest`.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(trackManifestSchema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: `/schemas/track-manifest-v${MANIFEST_VERSION}.json`,
    title: `Motif track manifest, version ${MANIFEST_VERSION}`,
    description:
      'How a Motif track was made: model weights (CID), generation parameters and seed, human edits, render settings, ' +
      'file digests and CIDs, creator, licence and IPTC AI disclosure. Also enforced (not expressible here): ' +
      'edits.log is the studio edit log; edits.summary and aiDisclosure are derived from edits.log.ops (any op => compositeWithTrainedAlgorithmicMedia); ' +
      'generation is the studio ComposeRequest (model.id = its modelId); generation.chordsPerBar has one chord per bar; ' +
      'a melody primer is shorter than the piece; licence.name = the name of licence.id. ' +
      'Digest: keccak256 of the RFC 8785 canonical JSON; signed as EIP-712 TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion).',
  };
}

/** The file's text: 2-space JSON with a final newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
