/**
 * A studio session: the compose form, and once composed, the compose result, the composed arrangement and the whole
 * edit history (undone tail included, so redo survives a reload). Saved as it changes (./session-store.ts) and
 * checked with zod when read back, since IndexedDB holds whatever an older build wrote.
 */
import { z } from 'zod';
import { arrangementSchema, noteSchema } from '../generation/arrangement/types';
import type { ComposeResult } from '../generation/compose/compose';
import { composeRequestSchema } from '../generation/compose/request';
import { createHistory, pushEdit, type EditHistory } from '../generation/edit-log/history';
import { editOpSchema } from '../generation/edit-log/schema';
import { composeFormSchema, type ComposeForm } from './compose-form';
import { singleTake, type Takes } from './takes';
import { BaseError } from '../errors/base';

export const SESSION_VERSION = 1 as const;

const composedResultSchema = z.object({
  request: composeRequestSchema,
  melody: z.array(noteSchema),
  progression: z.array(z.string()),
  progressionSource: z.union([z.literal('request'), z.templateLiteral(['suggested:', z.string()])]),
  digest: z.string(),
  backend: z.string(),
  tfjsVersion: z.string(),
  ms: z.number(),
});
export type ComposedResult = Omit<ComposeResult, 'arrangement'>;

const composedSchema = z.object({
  result: composedResultSchema,
  base: arrangementSchema,
  ops: z.array(editOpSchema),
  cursor: z.number().int().min(0),
});

export const studioSessionSchema = z.object({
  version: z.literal(SESSION_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  form: composeFormSchema,
  /** The take in hand (lib/studio/takes.ts: `active`). */
  composed: composedSchema.nullable(),
  /** The other take of an A/B comparison, and which one `composed` is; sessions saved before A/B read as none. */
  otherTake: composedSchema.nullable().default(null),
  takeLabel: z.enum(['A', 'B']).default('A'),
});
export type StudioSession = z.infer<typeof studioSessionSchema>;

export class SessionError extends BaseError {
  override name = 'SessionError';
}

export function parseSession(input: unknown): StudioSession {
  const r = studioSessionSchema.safeParse(input);
  if (!r.success) throw new SessionError(`not a studio session: ${r.error.message}`);
  for (const c of [r.data.composed, r.data.otherTake])
    if (c && c.cursor > c.ops.length) throw new SessionError('the edit cursor is past the end of the log');
  return r.data;
}

export function newSession(id: string, now: string, form: ComposeForm): StudioSession {
  return {
    version: SESSION_VERSION,
    id,
    createdAt: now,
    updatedAt: now,
    form,
    composed: null,
    otherTake: null,
    takeLabel: 'A',
  };
}

export type SessionWork = { result: ComposedResult; history: EditHistory };

const composedOf = (w: SessionWork | null): StudioSession['composed'] =>
  w ? { result: w.result, base: w.history.base, ops: [...w.history.ops], cursor: w.history.cursor } : null;

/** The session as the studio holds it now: the work in hand, or both takes of an A/B comparison. */
export function snapshotSession(
  s: StudioSession,
  now: string,
  form: ComposeForm,
  work: SessionWork | Takes<SessionWork> | null,
): StudioSession {
  const takes = work && 'label' in work ? work : singleTake(work);
  return {
    ...s,
    updatedAt: now,
    form,
    composed: composedOf(takes.active),
    otherTake: takes.active ? composedOf(takes.other) : null,
    takeLabel: takes.label,
  };
}

/** The session's takes, each edit history rebuilt (historyOf). */
export function takesOf(s: StudioSession): Takes<SessionWork> {
  const work = (c: StudioSession['composed']) => (c ? { result: c.result, history: historyOf(c) } : null);
  return { active: work(s.composed), other: s.composed ? work(s.otherTake) : null, label: s.takeLabel };
}

/** Rebuilds the edit history (each op applied again, so a log that no longer applies is refused). */
export function historyOf(composed: NonNullable<StudioSession['composed']>): EditHistory {
  let h = createHistory(composed.base);
  for (const op of composed.ops) h = pushEdit(h, op);
  return { ...h, cursor: composed.cursor };
}

/**
 * Composing replaces the arrangement. When the session already holds composed work, the new composition starts a
 * new session instead, so the earlier one (and its edits) stays in the recent list, unless the creator kept a take
 * to compare (A/B): then the new composition is take B in the same session.
 */
export function sessionForCompose(s: StudioSession, newId: () => string, now: string): StudioSession {
  // with a kept take, the new composition is take B of the same session
  return s.composed && !s.otherTake ? newSession(newId(), now, s.form) : s;
}

/** One line naming a session in the recent list. */
export function sessionTitle(s: StudioSession): string {
  const f = s.composed?.result.request;
  if (!f) return `Not composed yet: ${s.form.bars} bars in ${s.form.key} ${s.form.scale}, seed ${s.form.seed}`;
  const edits = s.composed?.cursor ?? 0;
  return `${f.bars} bars in ${f.key} ${f.scale} at ${f.tempo} BPM, seed ${f.seed}, ${edits} edit${edits === 1 ? '' : 's'}`;
}

/** Newest first. */
export function byRecency(sessions: readonly StudioSession[]): StudioSession[] {
  return [...sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
}

/**
 * Where keyboard focus goes after deleting `deleted` from the list `ids` (as shown): the next item's control, the
 * previous one's when it was last, or the list's heading when the list is now empty. Never the body.
 */
export function focusAfterDelete(
  ids: readonly string[],
  deleted: string,
): { kind: 'item'; id: string } | { kind: 'heading' } {
  const i = ids.indexOf(deleted);
  const rest = ids.filter((x) => x !== deleted);
  if (rest.length === 0) return { kind: 'heading' };
  const next = rest[Math.min(Math.max(i, 0), rest.length - 1)];
  return next === undefined ? { kind: 'heading' } : { kind: 'item', id: next };
}

/** A session is worth keeping once it holds composed work or a form the creator changed. */
export function sessionHasWork(s: Pick<StudioSession, 'form' | 'composed'>, defaults: ComposeForm): boolean {
  return s.composed !== null || JSON.stringify(s.form) !== JSON.stringify(defaults);
}
