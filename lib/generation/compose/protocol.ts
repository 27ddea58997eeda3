/**
 * Messages between the studio page and its compose worker (app/studio/compose.worker.ts). Plain JSON, zod-checked
 * on the worker side (the page trusts its own worker's answers after a type check).
 */
import type { Hex } from 'viem';
import { z } from 'zod';
import { arrangementSchema, type Arrangement } from '../arrangement/types';
import { sfMixSchema } from '../render/sf/gm';
import type { MasterReport } from '../render/sf/loudness';
import type { EditOp } from '../edit-log/schema';
import type { ComposeResult } from './compose';

export const toWorkerSchema = z.discriminatedUnion('type', [
  /** Loads (or reuses) a checkpoint; `url` is absolute (a worker resolves relative URLs against its own script). */
  z.object({ type: z.literal('load'), id: z.number().int(), modelId: z.string(), url: z.string().url() }).strict(),
  z.object({ type: z.literal('compose'), id: z.number().int(), request: z.unknown() }).strict(),
  z
    .object({
      type: z.literal('regenerateBar'),
      id: z.number().int(),
      arrangement: arrangementSchema,
      bar: z.number().int().min(0),
      seed: z.number().int().min(0).max(0xffffffff),
      temperature: z.number().min(0),
      snapToScale: z.boolean(),
    })
    .strict(),
  z.object({ type: z.literal('cancel'), id: z.number().int() }).strict(),
  /** Renders with the pure-JS renderer (lib/generation/render/js-renderer.ts) off the main thread. */
  z
    .object({
      type: z.literal('render'),
      id: z.number().int(),
      arrangement: arrangementSchema,
      sampleRate: z.number().int().min(8000).max(192000),
    })
    .strict(),
  /**
   * Renders with the SoundFont renderer (lib/generation/render/sf), the SoundFont fetched from `soundfontUrl`
   * (absolute, on the platform) and checked against its pinned sha256.
   */
  z
    .object({
      type: z.literal('renderSf'),
      id: z.number().int(),
      arrangement: arrangementSchema,
      mix: sfMixSchema,
      sampleRate: z.number().int().min(8000).max(192000),
      soundfontUrl: z.string().url(),
    })
    .strict(),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export type WorkerErrorKind = 'model-load' | 'cancelled' | 'bad-request' | 'generation' | 'render';

export type FromWorker =
  | {
      type: 'progress';
      id: number;
      phase: 'load' | 'generate' | 'arrange' | 'render';
      fraction: number;
      detail?: string;
    }
  | { type: 'loaded'; id: number; modelId: string; backend: string; ms: number; bytes: number }
  | { type: 'composed'; id: number; result: ComposeResult }
  | { type: 'regenerated'; id: number; op: Extract<EditOp, { op: 'regenerateBar' }> }
  | {
      type: 'rendered';
      id: number;
      sampleRate: number;
      seconds: number;
      left: Float32Array;
      right: Float32Array;
      ms: number;
      /** SoundFont renders: the 16-bit PCM sha256 (before the watermark) and the master stage's report. */
      soundfont?: { pcmSha256: Hex; master: MasterReport; loadMs: number };
    }
  | { type: 'error'; id: number; kind: WorkerErrorKind; message: string };

export type { Arrangement };
