/**
 * Reads and validates the C2PA manifest store of a WAV with c2pa-rs: the claim signature and certificate (against
 * the given trust anchors), every assertion's hashed URI, and the data-hash binding to the rest of the file.
 */
import { z } from 'zod';
import { actionsAssertionSchema, ACTIONS_ASSERTION_LABEL, MOTIF_ASSERTION_LABEL, type C2paAction } from './definition';
import { ByteBlob, c2paWasm } from './wasm';
import { BaseError } from '../../errors/base';

const statusSchema = z.object({ code: z.string(), explanation: z.string().optional() }).passthrough();
const storeSchema = z
  .object({
    active_manifest: z.string().optional(),
    manifests: z.record(
      z.string(),
      z
        .object({
          assertions: z.array(z.object({ label: z.string(), data: z.unknown() }).passthrough()).default([]),
          signature_info: z
            .object({ common_name: z.string().optional(), issuer: z.string().optional(), alg: z.string().optional() })
            .passthrough()
            .optional(),
          claim_generator_info: z.array(z.object({ name: z.string() }).passthrough()).optional(),
        })
        .passthrough(),
    ),
    validation_state: z.enum(['Invalid', 'Valid', 'Trusted']).optional(),
    validation_results: z
      .object({
        activeManifest: z
          .object({ failure: z.array(statusSchema).default([]) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    validation_status: z.array(statusSchema).optional(),
  })
  .passthrough();

export type C2paReading = {
  /** Invalid: a check failed; Valid: signature and bindings hold, signer not trusted (or trust not checked); Trusted: and the signer chains to an anchor. */
  state: 'Invalid' | 'Valid' | 'Trusted';
  /** Failed validation codes with their explanations (c2pa-rs's validation_results). */
  failures: string[];
  actions: C2paAction[];
  /** The raw `org.motif.provenance` data (validated by the caller), or undefined when absent. */
  motif: unknown;
  signer: string;
  claimGenerator: string;
};

/** The C2PA data cannot be read at all (damaged JUMBF, unknown claim version...). */
export class C2paReadError extends BaseError {
  override name = 'C2paReadError';
}

/** Reads the C2PA manifest of `wav` (published bytes). `trustAnchorsPem` absent: the signer's trust is not checked. */
export async function readC2pa(wav: Uint8Array, options: { trustAnchorsPem?: string } = {}): Promise<C2paReading> {
  const wasm = await c2paWasm();
  const settings = JSON.stringify({
    verify: {
      verify_trust: options.trustAnchorsPem !== undefined,
      remote_manifest_fetch: false,
      ocsp_fetch: false,
      verify_after_reading: true,
    },
    ...(options.trustAnchorsPem ? { trust: { trust_anchors: options.trustAnchorsPem } } : {}),
  });
  let json: string;
  try {
    const reader = await wasm.WasmReader.fromBlob('audio/wav', new ByteBlob(wav), settings);
    try {
      json = reader.json();
    } finally {
      reader.free();
    }
  } catch (error) {
    throw new C2paReadError(
      `unreadable C2PA manifest store: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = storeSchema.safeParse(JSON.parse(json));
  if (!parsed.success)
    throw new C2paReadError(`unexpected C2PA reader output: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const store = parsed.data;
  const active = store.active_manifest ? store.manifests[store.active_manifest] : undefined;
  if (!active) throw new C2paReadError('the C2PA manifest store has no active manifest');
  const failures = (store.validation_results?.activeManifest?.failure ?? store.validation_status ?? []).map((s) =>
    s.explanation ? `${s.code} (${s.explanation})` : s.code,
  );
  const actionsData = active.assertions.find((a) => a.label === ACTIONS_ASSERTION_LABEL)?.data;
  const actions = actionsAssertionSchema.safeParse(actionsData);
  const sig = active.signature_info;
  return {
    state: store.validation_state ?? (failures.length > 0 ? 'Invalid' : 'Valid'),
    failures,
    actions: actions.success ? actions.data.actions : [],
    motif: active.assertions.find((a) => a.label === MOTIF_ASSERTION_LABEL)?.data,
    signer:
      [sig?.common_name, sig?.issuer && `issued by ${sig.issuer}`].filter(Boolean).join(', ') || 'an unnamed signer',
    claimGenerator: active.claim_generator_info?.map((g) => g.name).join(', ') ?? 'unknown',
  };
}
