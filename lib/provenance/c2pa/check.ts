/**
 * The `c2pa` check of verify-track: the C2PA manifest embedded in audio.wav is valid (signature, certificate trusted
 * when anchors are given, hashed assertions, data-hash binding) and says what the signed Motif manifest says
 * (manifest digest and CID, creator, model and weights, digital source type, edits, audio essence).
 */
import { isAddressEqual, type Address } from 'viem';
import { sha256HexAsync } from '../digest';
import { editCounts, editedCounts, motifAssertionSchema, type C2paSubject } from './definition';
import { splitC2paChunk } from './essence';
import { readC2pa, type C2paReading } from './read';

export type C2paCheckOutcome = { pass: boolean; reason: string; skipped?: boolean };

export type CheckC2paParameters = {
  /** audio.wav as published (undefined: missing from the folder). */
  audio: Uint8Array | undefined;
  /** The signed Motif manifest, when valid. */
  subject: C2paSubject | undefined;
  /** CID of the folder's manifest.json, when present. */
  manifestCid?: string;
  /** PEM roots the signer must chain to; absent: signature and bindings are checked, the signer's trust is not. */
  trustAnchorsPem?: string;
};

const short = (s: string) => (s.length > 18 ? `${s.slice(0, 10)}…${s.slice(-6)}` : s);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function checkC2pa(params: CheckC2paParameters): Promise<C2paCheckOutcome> {
  if (!params.audio) return { pass: false, reason: 'audio.wav is missing' };
  let split;
  try {
    split = splitC2paChunk(params.audio);
  } catch (error) {
    return { pass: false, reason: `audio.wav: ${message(error)}` };
  }
  if (!split.manifestStore)
    return {
      pass: false,
      skipped: true,
      reason: 'skipped: audio.wav carries no C2PA manifest (pinned before Motif embedded C2PA)',
    };
  let reading: C2paReading;
  try {
    reading = await readC2pa(params.audio, { trustAnchorsPem: params.trustAnchorsPem });
  } catch (error) {
    return { pass: false, reason: message(error) };
  }
  const problems: string[] = [];
  if (reading.state === 'Invalid' || reading.failures.length > 0)
    problems.push(`C2PA validation failed: ${reading.failures.join('; ') || 'invalid'}`);
  else if (params.trustAnchorsPem !== undefined && reading.state !== 'Trusted')
    problems.push(`the C2PA signer (${reading.signer}) does not chain to this platform's C2PA trust anchors`);

  const subject = params.subject;
  if (!subject) problems.push('no valid Motif manifest to compare the C2PA manifest with');
  else problems.push(...(await compare(reading, subject, split.essence, params.manifestCid)));

  if (problems.length > 0) return { pass: false, reason: problems.join('; ') };
  const m = subject?.manifest;
  const trust =
    params.trustAnchorsPem !== undefined ? 'trusted' : 'valid (signer trust not checked: no trust anchors given)';
  return {
    pass: true,
    reason: `C2PA manifest from ${reading.claimGenerator}, signed by ${reading.signer}, ${trust}; the data hash binds the audio; it declares ${m?.aiDisclosure.digitalSourceType.split('/').pop() ?? '?'} by ${m?.model.id ?? '?'} with ${editedCounts(reading.actions).length} kinds of human edit, and names this Motif manifest (${short(subject?.manifestDigest ?? '')})`,
  };
}

async function compare(
  reading: C2paReading,
  subject: C2paSubject,
  essence: Uint8Array,
  manifestCid: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  const m = subject.manifest;
  const parsed = motifAssertionSchema.safeParse(reading.motif);
  if (!parsed.success)
    return [
      `the org.motif.provenance assertion is ${reading.motif === undefined ? 'missing' : `invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`}`,
    ];
  const a = parsed.data;
  if (a.manifest.digest !== subject.manifestDigest)
    problems.push(`C2PA names Motif manifest ${a.manifest.digest}, manifest.json is ${subject.manifestDigest}`);
  if (manifestCid !== undefined && a.manifest.cid !== manifestCid)
    problems.push(`C2PA names manifest.json ${a.manifest.cid}, the folder holds ${manifestCid}`);
  if (!isAddressEqual(a.creator as Address, m.creator as Address))
    problems.push(`C2PA names creator ${a.creator}, the manifest ${m.creator}`);
  if (a.model.id !== m.model.id || a.model.family !== m.model.family)
    problems.push(`C2PA names model ${a.model.family} ${a.model.id}, the manifest ${m.model.family} ${m.model.id}`);
  if (a.model.weightsCid !== m.model.weightsCid)
    problems.push(`C2PA names weights ${a.model.weightsCid}, the manifest ${m.model.weightsCid}`);
  if (a.digitalSourceType !== m.aiDisclosure.digitalSourceType)
    problems.push(`C2PA declares ${a.digitalSourceType}, the manifest ${m.aiDisclosure.digitalSourceType}`);
  const audio = m.files.audio;
  if (a.audioEssence.sha256 !== audio.sha256 || a.audioEssence.size !== audio.size || a.audioEssence.cid !== audio.cid)
    problems.push("C2PA audio essence is not the manifest's files.audio");
  const created = reading.actions[0];
  if (created?.action !== 'c2pa.created') problems.push('the first C2PA action is not c2pa.created');
  else if (created.digitalSourceType !== m.aiDisclosure.digitalSourceType)
    problems.push(
      `c2pa.created declares ${created.digitalSourceType ?? 'no digitalSourceType'}, the manifest ${m.aiDisclosure.digitalSourceType}`,
    );
  const edits = JSON.stringify(editCounts(m.edits.summary));
  if (JSON.stringify(editedCounts(reading.actions)) !== edits)
    problems.push(`c2pa.edited actions record ${JSON.stringify(editedCounts(reading.actions))}, the edit log ${edits}`);
  // (the essence's CID is the files check's: it is the costly hash, and the sha256 already ties the bytes)
  const sha = await sha256HexAsync(essence);
  if (sha !== audio.sha256 || essence.byteLength !== audio.size)
    problems.push(
      `the audio essence (audio.wav without its C2PA chunk) has sha256 ${sha} and ${essence.byteLength} bytes; the manifest records ${audio.sha256}, ${audio.size}`,
    );
  return problems;
}
