/**
 * The audio watermark (issue #14): 20 tracks composed by the shipped melody model (different seeds, keys, tempi,
 * styles, instruments) and rendered by the studio's JS renderer, each marked with its final digest's first 64 bits;
 * detection on the clean 16-bit audio, after an MP3 round trip at 128 kb/s (lamejs -> mpg123), after resampling to
 * 48 kHz (linear interpolation; the detector resamples back with its own windowed sinc), and on a 10-second excerpt
 * at an arbitrary offset; false positives over 200 unmarked signals (unmarked renders, excerpts of them, noise).
 */
import '../lib/config/polyfills';
import { WAV_SAMPLE_RATE } from '../lib/generation/export/wav';
import {
  detectWatermark,
  embedWatermark,
  payloadHex,
  payloadOfNotesDigest,
  type Pcm,
} from '../lib/provenance/watermark';
import { linearResample, loadCorpusModel, renderCorpus, type RenderedTrack } from '../test/provenance/watermark-tracks';
import { decodeMp3, encodeMp3 } from './mp3-roundtrip';
import { median, round, type BenchFigure, type BenchModule } from './figure';

const TRACKS = 20;
const RATE = WAV_SAMPLE_RATE; // the corpus is rendered as the studio renders

const int16 = (x: Float32Array): Float32Array => x.map((v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767) / 32768);

/** xorshift32 in [-0.5, 0.5). */
function noise(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32 - 0.5;
  };
}

export const watermarkBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const loaded = await loadCorpusModel();
    let tracks: RenderedTrack[];
    let unmarked: RenderedTrack[];
    try {
      tracks = await renderCorpus(loaded, TRACKS, 0);
      unmarked = await renderCorpus(loaded, 20, TRACKS, 31_000_000);
    } finally {
      loaded.model.dispose();
    }

    const ok = { clean: 0, mp3: 0, resample: 0, crop: 0 };
    let bitsRight = 0;
    const snrs: number[] = [];
    let embedSeconds = 0;
    let audioSeconds = 0;
    const failures: string[] = [];
    for (const [i, t] of tracks.entries()) {
      const pcm: Pcm = { sampleRate: t.sampleRate, channels: t.channels.map((c) => c.slice()) };
      const payload = payloadOfNotesDigest(t.finalDigest);
      const want = payloadHex(payload);
      const t0 = performance.now();
      const report = embedWatermark(pcm, payload);
      embedSeconds += (performance.now() - t0) / 1000;
      audioSeconds += (pcm.channels[0]?.length ?? 0) / RATE;
      snrs.push(report.snrDb);
      const wav = { sampleRate: RATE, channels: pcm.channels.map(int16) };
      const clean = detectWatermark(wav);
      for (let b = 0; b < 16; b++)
        bitsRight += 4 - popcount(parseInt(clean.payload.slice(b, b + 1), 16) ^ parseInt(want.slice(b, b + 1), 16));
      const exact = (d: ReturnType<typeof detectWatermark>, what: keyof typeof ok) => {
        if (d.found && d.payload === want) ok[what]++;
        else failures.push(`${what} #${i} (pilot ${d.pilot.toFixed(1)})`);
      };
      exact(clean, 'clean');
      exact(detectWatermark(await decodeMp3(encodeMp3(wav.channels, RATE, 128))), 'mp3');
      exact(
        detectWatermark({ sampleRate: 48_000, channels: wav.channels.map((c) => linearResample(c, RATE, 48_000)) }),
        'resample',
      );
      const length = wav.channels[0]?.length ?? 0;
      const from = Math.floor(((i * 0.618034) % 1) * (length - 10 * RATE));
      exact(
        detectWatermark({ sampleRate: RATE, channels: wav.channels.map((c) => c.slice(from, from + 10 * RATE)) }),
        'crop',
      );
    }

    // 200 unmarked signals: 20 unmarked renders whole, 80 ten-second excerpts of them, 100 noise and tone signals.
    const negatives: Pcm[] = [];
    for (const u of unmarked) {
      const chans = u.channels.map(int16);
      negatives.push({ sampleRate: RATE, channels: chans });
      for (let k = 0; k < 4; k++) {
        const from = Math.floor((k / 4) * Math.max(0, chans[0]!.length - 10 * RATE));
        negatives.push({ sampleRate: RATE, channels: chans.map((c) => c.slice(from, from + 10 * RATE)) });
      }
    }
    for (let i = 0; negatives.length < 200; i++) {
      const next = noise(0x51ed + i * 7919);
      const x = new Float32Array(10 * RATE);
      let pink = 0;
      for (let j = 0; j < x.length; j++) {
        pink = 0.97 * pink + 0.03 * next();
        const tone = 0.3 * Math.sin((2 * Math.PI * 110 * (1 + (i % 12)) * j) / RATE);
        x[j] = i % 3 === 0 ? next() * 0.5 : i % 3 === 1 ? pink * 4 : tone + next() * 0.01;
      }
      negatives.push({ sampleRate: i % 5 === 4 ? 48_000 : RATE, channels: [x] });
    }
    const falsePositives = negatives.filter((n) => detectWatermark(n).found).length;

    const pct = (n: number) => round((100 * n) / TRACKS, 1);
    const note = failures.length
      ? `missed: ${failures.join(', ')}`
      : `all ${TRACKS} tracks (${round(audioSeconds, 0)} s of audio)`;
    return [
      {
        name: 'watermark.detect.clean',
        value: round((100 * bitsRight) / (TRACKS * 64), 2),
        unit: '% bits',
        goal: '100%',
        note: `payload bits recovered from the 16-bit audio; ${ok.clean}/${TRACKS} tracks exact`,
      },
      {
        name: 'watermark.detect.mp3_128k',
        value: pct(ok.mp3),
        unit: '% tracks',
        goal: '>= 95%',
        note: `payload exact after lamejs 128 kb/s CBR -> mpg123; ${note}`,
      },
      {
        name: 'watermark.detect.resample',
        value: pct(ok.resample),
        unit: '% tracks',
        goal: '>= 95%',
        note: '44.1 -> 48 kHz (linear interpolation), payload exact',
      },
      {
        name: 'watermark.detect.crop10s',
        value: pct(ok.crop),
        unit: '% tracks',
        goal: '>= 90%',
        note: '10-second excerpt at an arbitrary offset, payload exact',
      },
      {
        name: 'watermark.false_positive',
        value: falsePositives,
        unit: `of ${negatives.length}`,
        goal: '0 of 200',
        note: '20 unmarked renders, 80 excerpts of them, 100 noise / pink noise / tone signals (a fifth at 48 kHz)',
      },
      {
        name: 'watermark.snr_db',
        value: round(Math.min(...snrs), 2),
        unit: 'dB (lowest)',
        goal: '>= 35 dB',
        note: `median ${round(median(snrs), 2)} dB; signal power over mark power on the float render`,
      },
      {
        name: 'watermark.embed.xrealtime',
        value: round(audioSeconds / embedSeconds, 1),
        unit: 'x real time',
        goal: '>= 50x',
        note: `${round(audioSeconds, 0)} s of stereo 44.1 kHz marked in ${round(embedSeconds, 2)} s (Node, one core)`,
      },
    ];
  },
};

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
