/**
 * Vitest's sequencer, with the e2e files longest first by their recorded durations (test/e2e/durations.json, seconds,
 * rewritten from each clean run of `npm run bench -- ci`); an e2e file not recorded runs before them all, as vitest
 * runs a file it knows nothing of first. Everything else is vitest's own order.
 *
 * Why: two workers take the e2e files in the order given. Vitest orders files it has no results for (a clean
 * checkout, so every CI run) by size, largest first, and the fuzz file is small but takes two minutes: it started
 * last and ran on alone while the other worker had nothing left (measured: the e2e files ended 36 s after half their
 * summed time). Longest first leaves only short files for the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { z } from 'zod';

export const DURATIONS_FILE = path.join('test', 'e2e', 'durations.json');

const durationsSchema = z.record(z.string(), z.number().nonnegative());
export type RecordedDurations = z.infer<typeof durationsSchema>;

/** The recorded durations by path from the repository root, or none when the file is missing or malformed. */
export function readDurations(root: string): RecordedDurations {
  try {
    return durationsSchema.parse(JSON.parse(readFileSync(path.join(root, DURATIONS_FILE), 'utf8')));
  } catch {
    return {};
  }
}

/** `files` (paths from the root) longest first by `seconds`; unrecorded ones first, each group in the order given. */
export function longestFirst<T>(files: readonly T[], pathOf: (file: T) => string, seconds: RecordedDurations): T[] {
  const weight = (file: T) => seconds[pathOf(file)] ?? Infinity;
  return [...files].sort((a, b) => {
    const wa = weight(a);
    const wb = weight(b);
    return wa === wb ? 0 : wb > wa ? 1 : -1;
  });
}

const jsonReportSchema = z.object({
  testResults: z.array(z.object({ name: z.string(), startTime: z.number(), endTime: z.number() })),
});

/** Each file's duration (seconds, one decimal) from vitest's JSON report, by path from `root`, sorted by path. */
export function durationsFromReport(report: unknown, root: string): RecordedDurations {
  const files = jsonReportSchema
    .parse(report)
    .testResults.map((r) => [path.relative(root, r.name), Math.round((r.endTime - r.startTime) / 100) / 10] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(files);
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const root = this.ctx.config.root;
    const e2e = ordered.filter((f) => f.project.name === 'e2e');
    if (e2e.length < 2) return ordered;
    const sorted = longestFirst(e2e, (f) => path.relative(root, f.moduleId), readDurations(root));
    // the e2e files take the places they had, in the new order
    let next = 0;
    return ordered.map((f) => (f.project.name === 'e2e' ? sorted[next++]! : f));
  }
}
