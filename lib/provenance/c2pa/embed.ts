/**
 * Signs a track's C2PA manifest and embeds it in its WAV (the platform is the claim generator; the creator's
 * identity is the EIP-712 signature on the Motif manifest). c2pa-rs appends a `C2PA` chunk at the end of the RIFF
 * and binds the rest of the file by a data hash (c2pa.hash.data, the chunk excluded). No time-stamp is requested:
 * the COSE signature is made here (cose.ts), so no time-stamp authority is ever contacted.
 */
import { coseReserveSize, coseSign1 } from './cose';
import type { C2paCredentials } from './credentials';
import { manifestDefinition, type C2paSubject } from './definition';
import { splitC2paChunk } from './essence';
import { ByteBlob, c2paWasm } from './wasm';
import { BaseError } from '../../errors/base';

/** The uploaded WAV cannot carry a C2PA manifest as docs/provenance/c2pa.md defines (the caller's fault: 422). */
export class C2paEmbedRefusedError extends BaseError {
  override name = 'C2paEmbedRefusedError';
}

/** c2pa-rs failed or changed the audio: a server fault. */
export class C2paEmbedError extends BaseError {
  override name = 'C2paEmbedError';
}

// c2pa-rs settings for signing: nothing fetched, no verification pass of our own output (verify-track does that).
const SIGN_SETTINGS = JSON.stringify({
  verify: { verify_after_sign: false, remote_manifest_fetch: false, ocsp_fetch: false },
});

export type EmbedC2paParameters = {
  /** The WAV as rendered (what the Motif manifest's files.audio records). */
  essence: Uint8Array;
  subject: C2paSubject;
  /** CID of the folder's manifest.json (the signed Motif manifest). */
  manifestCid: string;
  credentials: C2paCredentials;
};

/** The published WAV: `essence` with a signed C2PA manifest embedded. Its essence is checked to be `essence` again. */
export async function embedC2pa(params: EmbedC2paParameters): Promise<Uint8Array> {
  let split;
  try {
    split = splitC2paChunk(params.essence);
  } catch (error) {
    throw new C2paEmbedRefusedError(`wav cannot carry C2PA: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (split.manifestStore)
    throw new C2paEmbedRefusedError('wav already carries a C2PA chunk: upload the WAV as rendered');
  const wasm = await c2paWasm();
  const { chain, privateKey } = params.credentials;
  const reserveSize = coseReserveSize(chain);
  const builder = wasm.WasmBuilder.fromJson(manifestDefinition(params.subject, params.manifestCid), SIGN_SETTINGS);
  let published: Uint8Array;
  try {
    published = await builder.sign(
      {
        alg: 'es256',
        reserveSize,
        sign: async (claim) => new Uint8Array(coseSign1({ claim, chain, privateKey, reserveSize })),
      },
      'audio/wav',
      new ByteBlob(params.essence),
    );
  } catch (error) {
    throw new C2paEmbedError(`C2PA signing failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    builder.free();
  }
  const back = splitC2paChunk(published);
  if (!back.manifestStore || Buffer.compare(back.essence, params.essence) !== 0) {
    // c2pa-rs rewrites the RIFF chunk list: a file whose chunks are not in canonical form would come back changed
    throw new C2paEmbedRefusedError('wav is not a canonical RIFF file (embedding C2PA changed its other bytes)');
  }
  return published;
}
