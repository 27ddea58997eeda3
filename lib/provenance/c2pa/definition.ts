/**
 * What Motif's C2PA manifest says (docs/provenance/c2pa.md): a `c2pa.actions.v2` assertion with `c2pa.created`
 * (the model as software agent, the IPTC digital source type the Motif manifest discloses) and one `c2pa.edited`
 * per kind of human edit in the edit log, and `org.motif.provenance` tying the file to the signed Motif manifest
 * (its digest, CID and path), the model and weights, and the audio essence.
 */
import { CID } from 'multiformats/cid';
import { z } from 'zod';
import {
  DIGITAL_SOURCE_TYPES,
  EDIT_OP_KINDS,
  type DigitalSourceType,
  type EditOpKind,
  type EditSummary,
} from '../disclosure';

export const MOTIF_ASSERTION_LABEL = 'org.motif.provenance';
export const ACTIONS_ASSERTION_LABEL = 'c2pa.actions.v2';
export const MOTIF_ASSERTION_VERSION = 1;
/** The claim generator Motif's C2PA manifests name. */
export const CLAIM_GENERATOR = { name: 'Motif', version: '0.1.0' } as const;
/** Path of the Motif manifest inside a track folder (TRACK_FILES.manifest). */
export const MOTIF_MANIFEST_PATH = 'manifest.json';

/** The parts of a signed Motif manifest (any schema version) the C2PA manifest repeats. */
export type C2paSubject = {
  manifestDigest: string;
  manifest: {
    creator: string;
    model: { id: string; family: string; weightsCid: string };
    aiDisclosure: { digitalSourceType: DigitalSourceType; humanEdited: boolean };
    edits: { summary: EditSummary };
    files: { audio: { sha256: string; size: number; cid: string } };
  };
};

const cid = z.string().refine((s) => {
  try {
    CID.parse(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a CID');
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

/** `org.motif.provenance`, as read back (c2pa-rs returns the CBOR assertion as JSON). */
export const motifAssertionSchema = z
  .object({
    version: z.literal(MOTIF_ASSERTION_VERSION),
    manifest: z.object({ path: z.literal(MOTIF_MANIFEST_PATH), cid, digest: hex32 }).strict(),
    creator: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    model: z.object({ id: z.string().min(1), family: z.string().min(1), weightsCid: cid }).strict(),
    digitalSourceType: z.enum(DIGITAL_SOURCE_TYPES),
    /** `files.audio` of the Motif manifest: the WAV without its C2PA chunk. */
    audioEssence: z.object({ sha256: hex32, size: z.number().int().positive(), cid }).strict(),
  })
  .strict();
export type MotifAssertion = z.infer<typeof motifAssertionSchema>;

const EDIT_PARAMETER = 'org.motif.editKind';
const COUNT_PARAMETER = 'org.motif.count';

/** One C2PA action as read back (only the fields Motif writes and checks). */
export const actionSchema = z
  .object({
    action: z.string(),
    digitalSourceType: z.string().optional(),
    softwareAgent: z.object({ name: z.string() }).passthrough().optional(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export const actionsAssertionSchema = z.object({ actions: z.array(actionSchema).min(1) }).passthrough();
export type C2paAction = z.infer<typeof actionSchema>;

export function motifAssertion(subject: C2paSubject, manifestCid: string): MotifAssertion {
  const m = subject.manifest;
  return {
    version: MOTIF_ASSERTION_VERSION,
    manifest: { path: MOTIF_MANIFEST_PATH, cid: manifestCid, digest: subject.manifestDigest },
    creator: m.creator,
    model: { id: m.model.id, family: m.model.family, weightsCid: m.model.weightsCid },
    digitalSourceType: m.aiDisclosure.digitalSourceType,
    audioEssence: { sha256: m.files.audio.sha256, size: m.files.audio.size, cid: m.files.audio.cid },
  };
}

/** The edit-log kinds with their counts, in the schema's order (zero counts left out). */
export function editCounts(summary: EditSummary): [EditOpKind, number][] {
  return EDIT_OP_KINDS.map((k): [EditOpKind, number] => [k, summary[k]]).filter(([, n]) => n > 0);
}

/** `c2pa.created` then one `c2pa.edited` per kind of edit the creator made. */
export function motifActions(subject: C2paSubject): C2paAction[] {
  const m = subject.manifest;
  const created: C2paAction = {
    action: 'c2pa.created',
    digitalSourceType: m.aiDisclosure.digitalSourceType,
    softwareAgent: { name: m.model.id },
    description: `Composed by the ${m.model.family} model ${m.model.id} (weights ipfs://${m.model.weightsCid}) and rendered to audio by Motif`,
  };
  const edited = editCounts(m.edits.summary).map(([kind, count]): C2paAction => ({
    action: 'c2pa.edited',
    description: `${count} ${kind} edit${count === 1 ? '' : 's'} by the creator`,
    parameters: { [EDIT_PARAMETER]: kind, [COUNT_PARAMETER]: count },
  }));
  return [created, ...edited];
}

/** The edit kinds and counts that `c2pa.edited` actions record (as motifActions writes them). */
export function editedCounts(actions: readonly C2paAction[]): [string, number][] {
  return actions
    .filter((a) => a.action === 'c2pa.edited')
    .map((a): [string, number] => [
      String(a.parameters?.[EDIT_PARAMETER] ?? '?'),
      Number(a.parameters?.[COUNT_PARAMETER] ?? NaN),
    ]);
}

/** The c2pa-rs ManifestDefinition (JSON) for a track's audio. */
export function manifestDefinition(subject: C2paSubject, manifestCid: string): string {
  return JSON.stringify({
    claim_generator_info: [CLAIM_GENERATOR],
    title: 'audio.wav',
    format: 'audio/wav',
    assertions: [
      { label: ACTIONS_ASSERTION_LABEL, data: { actions: motifActions(subject), allActionsIncluded: true } },
      { label: MOTIF_ASSERTION_LABEL, data: motifAssertion(subject, manifestCid) },
    ],
  });
}
