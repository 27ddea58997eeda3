import type { EditEntry, EditSummary } from './manifest-schema';

/** IPTC NewsCodes digital source type: media created by a trained model with no human edits of the result. */
export const IPTC_TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
/** IPTC NewsCodes digital source type: a human edited/combined the output of a trained model. */
export const IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA =
  'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';

export const DIGITAL_SOURCE_TYPES = [IPTC_TRAINED_ALGORITHMIC_MEDIA, IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA] as const;
export type DigitalSourceType = (typeof DIGITAL_SOURCE_TYPES)[number];

export type AiDisclosure = { digitalSourceType: DigitalSourceType; humanEdited: boolean };

/**
 * The AI disclosure a manifest must carry, derived from its edit log (never chosen freely): any human edit makes
 * the result a composite with trained algorithmic media.
 */
export function aiDisclosureFor(log: readonly EditEntry[]): AiDisclosure {
  const humanEdited = log.length > 0;
  return {
    digitalSourceType: humanEdited ? IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA : IPTC_TRAINED_ALGORITHMIC_MEDIA,
    humanEdited,
  };
}

/** Counts of the edit log by kind; a manifest's `edits.summary` must equal this. */
export function summarizeEdits(log: readonly EditEntry[]): EditSummary {
  const summary: EditSummary = { total: log.length, added: 0, removed: 0, changed: 0 };
  for (const e of log) {
    if (e.op === 'add-note') summary.added += 1;
    else if (e.op === 'remove-note') summary.removed += 1;
    else summary.changed += 1;
  }
  return summary;
}
