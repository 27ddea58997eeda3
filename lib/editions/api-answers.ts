import { getAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';

/**
 * The answers of the editions API as the browser reads them (zod at the boundary): the allowlist proof
 * (GET /api/editions/{id}/proof), a mint approval (GET and POST /api/editions/{id}/approvals) and the shared error body.
 */
const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const proofAnswerSchema = z.object({ proof: z.array(hex32) });
const approvalAnswerSchema = z.object({
  editionId: z.string().regex(/^\d{1,78}$/),
  phase: z.number().int().min(0),
  minter: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  quantity: z.number().int().min(1),
  nonce: z.string().regex(/^\d{1,78}$/),
  deadline: z.string().regex(/^\d{1,78}$/),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/),
});
const errorBodySchema = z.object({ error: z.string(), reason: z.string().optional() });

export type ApprovalAnswer = {
  phase: number;
  minter: Address;
  quantity: number;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
};

/** The proof in a proof answer, or null when the body is not one. */
export function parseProofAnswer(body: unknown): Hex[] | null {
  const parsed = proofAnswerSchema.safeParse(body);
  return parsed.success ? parsed.data.proof.map((h) => h as Hex) : null;
}

/** The approval in an approvals answer, with its numbers as bigints, or null when the body is not one. */
export function parseApprovalAnswer(body: unknown): ApprovalAnswer | null {
  const parsed = approvalAnswerSchema.safeParse(body);
  if (!parsed.success) return null;
  const a = parsed.data;
  return {
    phase: a.phase,
    minter: getAddress(a.minter),
    quantity: a.quantity,
    nonce: BigInt(a.nonce),
    deadline: BigInt(a.deadline),
    signature: a.signature as Hex,
  };
}

/** The `error` (and `reason`) of an API error body, or the fallback when the body is not one. */
export function apiErrorOf(body: unknown, fallback: string): { message: string; reason: string | null } {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success
    ? { message: parsed.data.error, reason: parsed.data.reason ?? null }
    : { message: fallback, reason: null };
}

/** `d h m` (a day or more) or `h mm ss`: the countdown to a phase's start or end. */
export function countdown(seconds: number): string {
  const s0 = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s0 / 86_400);
  const h = Math.floor((s0 % 86_400) / 3600);
  const m = Math.floor((s0 % 3600) / 60);
  const s = s0 % 60;
  return d > 0 ? `${d}d ${h}h ${m}m` : `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
}
