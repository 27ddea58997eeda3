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

export const studioSessionSchema = z.object({
  version: z.literal(SESSION_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  form: composeFormSchema,
  composed: z
    .object({
      result: composedResultSchema,
      base: arrangementSchema,
      ops: z.array(editOpSchema),
      cursor: z.number().int().min(0),
    })
    .nullable(),
});
export type StudioSession = z.infer<typeof studioSessionSchema>;

export class SessionError extends BaseError {
  override name = 'SessionError';
}

export function parseSession(input: unknown): StudioSession {
  const r = studioSessionSchema.safeParse(input);
  if (!r.success) throw new SessionError(`not a studio session: ${r.error.message}`);
  if (r.data.composed && r.data.composed.cursor > r.data.composed.ops.length)
    throw new SessionError('the edit cursor is past the end of the log');
  return r.data;
}

export function newSession(id: string, now: string, form: ComposeForm): StudioSession {
  return { version: SESSION_VERSION, id, createdAt: now, updatedAt: now, form, composed: null };
}

/** The session as the studio holds it now. */
export function snapshotSession(
  s: StudioSession,
  now: string,
  form: ComposeForm,
  work: { result: ComposedResult; history: EditHistory } | null,
): StudioSession {
  return {
    ...s,
    updatedAt: now,
    form,
    composed: work
      ? { result: work.result, base: work.history.base, ops: [...work.history.ops], cursor: work.history.cursor }
      : null,
  };
}

/** Rebuilds the edit history (each op applied again, so a log that no longer applies is refused). */
export function historyOf(composed: NonNullable<StudioSession['composed']>): EditHistory {
  let h = createHistory(composed.base);
  for (const op of composed.ops) h = pushEdit(h, op);
  return { ...h, cursor: composed.cursor };
}

/**
 * Composing replaces the arrangement. When the session already holds composed work, the new composition starts a
 * new session instead, so the earlier one (and its edits) stays in the recent list.
 */
export function sessionForCompose(s: StudioSession, newId: () => string, now: string): StudioSession {
  return s.composed ? newSession(newId(), now, s.form) : s;
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
