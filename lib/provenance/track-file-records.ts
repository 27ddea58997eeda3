import { cidOfBytes } from '../ipfs/cid-of-files';
import { sha256Hex } from './digest';
import { TRACK_FILES, type TrackManifest } from './manifest-schema';

/**
 * A manifest's `files` for a track's WAV and MIDI: each one's path in the track's folder, media type, size, SHA-256
 * and CID. The one home of what a file record holds: the mint, the published test vectors, the bench and the test
 * fixtures all build it here.
 */
export async function trackFileRecords(wav: Uint8Array, midi: Uint8Array): Promise<TrackManifest['files']> {
  return {
    audio: {
      path: TRACK_FILES.audio,
      mediaType: 'audio/wav',
      size: wav.byteLength,
      sha256: sha256Hex(wav),
      cid: (await cidOfBytes(wav)).toString(),
    },
    midi: {
      path: TRACK_FILES.midi,
      mediaType: 'audio/midi',
      size: midi.byteLength,
      sha256: sha256Hex(midi),
      cid: (await cidOfBytes(midi)).toString(),
    },
  };
}
