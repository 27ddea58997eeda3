import type { EditOp } from '../generation/edit-log/schema';

/** Every kind of studio edit-log operation (lib/generation/edit-log/schema.ts), in the schema's order. */
export const EDIT_OP_KINDS = [
  'transpose',
  'setTempo',
  'setInstrument',
  'setMute',
  'setSolo',
  'addNote',
  'removeNote',
  'updateNote',
  'regenerateBar',
] as const satisfies readonly EditOp['op'][];
export type EditOpKind = (typeof EDIT_OP_KINDS)[number];
/**
 * Kinds added after manifests were first signed: counted in `edits.summary` only when the log holds one, so a
 * summary of a log without them is unchanged (manifests signed before they existed still verify).
 */
export const LATER_EDIT_OP_KINDS = ['latentBars'] as const satisfies readonly Exclude<EditOp['op'], EditOpKind>[];
export type LaterEditOpKind = (typeof LATER_EDIT_OP_KINDS)[number];
/** `edits.summary` of a manifest: the total and a count per operation kind. */
export type EditSummary = { total: number } & Record<EditOpKind, number> & Partial<Record<LaterEditOpKind, number>>;

/** IPTC NewsCodes digital source type: media created by a trained model with no human edits of the result. */
export const IPTC_TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
/** IPTC NewsCodes digital source type: a human edited/combined the output of a trained model. */
export const IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA =
  'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';

export const DIGITAL_SOURCE_TYPES = [
  IPTC_TRAINED_ALGORITHMIC_MEDIA,
  IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
] as const;
export type DigitalSourceType = (typeof DIGITAL_SOURCE_TYPES)[number];

export type AiDisclosure = { digitalSourceType: DigitalSourceType; humanEdited: boolean };

/**
 * The AI disclosure a manifest must carry, derived from its edit log (never chosen freely): any human edit makes
 * the result a composite with trained algorithmic media.
 */
export function aiDisclosureFor(log: readonly EditOp[]): AiDisclosure {
  const humanEdited = log.length > 0;
  return {
    digitalSourceType: humanEdited ? IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA : IPTC_TRAINED_ALGORITHMIC_MEDIA,
    humanEdited,
  };
}

/** Counts of the edit log by kind; a manifest's `edits.summary` must equal this. */
export function summarizeEdits(log: readonly EditOp[]): EditSummary {
  const summary = {
    total: log.length,
    ...(Object.fromEntries(EDIT_OP_KINDS.map((k) => [k, 0])) as Record<EditOpKind, number>),
  };
  const later: Partial<Record<LaterEditOpKind, number>> = {};
  for (const e of log) {
    if (e.op === 'latentBars') later[e.op] = (later[e.op] ?? 0) + 1;
    else summary[e.op] += 1;
  }
  return { ...summary, ...later };
}
