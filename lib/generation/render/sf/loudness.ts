/**
 * The master stage's loudness maths (pure, deterministic): ITU-R BS.1770-4 integrated loudness (K-weighting, 400 ms
 * blocks with 75 % overlap, absolute gate -70 LUFS, relative gate -10 LU), true peak (4x oversampling with the
 * recommendation's 48-tap interpolation filter), and `masterToLoudness`, which scales a mix to a loudness target
 * (-14 LUFS) under a true-peak ceiling (-1 dBTP) with a look-ahead limiter.
 *
 * Bit-exactness: everything that reaches the samples uses only + - * /, Math.sqrt, Math.abs, Math.min and Math.max,
 * which IEEE 754 defines exactly, so Node and every browser compute the same gains. Gates and targets are compared
 * as mean squares (linear), never through log10/pow; the K-weighting coefficients for 44.1 and 48 kHz are literals
 * (computed once with the formulas of libebur128; the 48 kHz ones equal the recommendation's table). Other rates
 * compute them with Math.tan/Math.pow, which are not specified bit for bit across JavaScript engines.
 */
type Biquad = { b0: number; b1: number; b2: number; a1: number; a2: number };
type KWeighting = { shelf: Biquad; highpass: Biquad };

const LITERAL_K: Record<number, KWeighting> = {
  44_100: {
    shelf: {
      b0: 1.5308412300503478,
      b1: -2.6509799951547297,
      b2: 1.169079079921587,
      a1: -1.6636551132560204,
      a2: 0.7125954280732254,
    },
    highpass: { b0: 1, b1: -2, b2: 1, a1: -1.989169673629796, a2: 0.9891990357870393 },
  },
  48_000: {
    shelf: {
      b0: 1.5351248595869702,
      b1: -2.6916961894063807,
      b2: 1.19839281085285,
      a1: -1.6906592931824103,
      a2: 0.7324807742158501,
    },
    highpass: { b0: 1, b1: -2, b2: 1, a1: -1.9900474548339797, a2: 0.9900722503662099 },
  },
};

function kWeighting(rate: number): KWeighting {
  const literal = LITERAL_K[rate];
  if (literal) return literal;
  let K = Math.tan((Math.PI * 1681.974450955533) / rate);
  const Q1 = 0.7071752369554196;
  const Vh = 10 ** (3.999843853973347 / 20);
  const Vb = Vh ** 0.4996667741545416;
  const a0 = 1 + K / Q1 + K * K;
  const shelf = {
    b0: (Vh + (Vb * K) / Q1 + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q1 + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q1 + K * K) / a0,
  };
  K = Math.tan((Math.PI * 38.13547087602444) / rate);
  const Q2 = 0.5003270373238773;
  const d = 1 + K / Q2 + K * K;
  return { shelf, highpass: { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / d, a2: (1 - K / Q2 + K * K) / d } };
}

/** Squares of the K-weighted signal, summed per 100 ms segment (the gating blocks are 4 consecutive segments). */
function segmentEnergies(ch: Float32Array, rate: number, segment: number): Float64Array {
  const { shelf, highpass } = kWeighting(rate);
  const { b0, b1, b2, a1, a2 } = shelf;
  const h1 = highpass.a1;
  const h2 = highpass.a2;
  const out = new Float64Array(Math.floor(ch.length / segment));
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0,
    z1 = 0,
    z2 = 0;
  let i = 0;
  for (let k = 0; k < out.length; k++) {
    let sum = 0;
    for (const end = i + segment; i < end; i++) {
      const x = ch[i] ?? 0;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      const z = y - 2 * y1 + y2 - h1 * z1 - h2 * z2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    out[k] = sum;
  }
  return out;
}

/** -70 LUFS as a block mean square: 10^((-70 + 0.691) / 10). */
const ABSOLUTE_GATE_MS = 1.172465304582298e-7;

/**
 * Integrated loudness as the gated mean square of the K-weighted channels (stereo: L + R, weight 1 each);
 * loudness in LUFS = -0.691 + 10 log10(meanSquare). 0 for silence or audio shorter than one 400 ms block.
 */
export function integratedMeanSquare(channels: readonly Float32Array[], rate: number): number {
  const segment = Math.round(rate / 10);
  const energies = channels.map((ch) => segmentEnergies(ch, rate, segment));
  let segments = energies.length === 0 ? 0 : Infinity;
  for (const e of energies) segments = Math.min(segments, e.length);
  const blocks = new Float64Array(Math.max(0, segments - 3));
  for (let b = 0; b < blocks.length; b++) {
    let sum = 0;
    for (const e of energies) sum += (e[b] ?? 0) + (e[b + 1] ?? 0) + (e[b + 2] ?? 0) + (e[b + 3] ?? 0);
    blocks[b] = sum / (4 * segment);
  }
  // gated means, summed left to right in block order
  let above = 0;
  let aboveSum = 0;
  for (const z of blocks)
    if (z > ABSOLUTE_GATE_MS) {
      aboveSum += z;
      above++;
    }
  if (above === 0) return 0;
  const relative = (aboveSum / above) * 0.1; // -10 LU
  let gated = 0;
  let gatedSum = 0;
  for (const z of blocks)
    if (z > ABSOLUTE_GATE_MS && z > relative) {
      gatedSum += z;
      gated++;
    }
  return gated === 0 ? 0 : gatedSum / gated;
}

/** LUFS of a mean square from integratedMeanSquare (-Infinity for silence); for reports, not the sample path. */
export function lufsOf(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/** BS.1770-4 Annex 2: 4x oversampling interpolation filter, 48 taps as 4 phases of 12. */
const TRUE_PEAK_PHASES: readonly (readonly number[])[] = [
  [
    0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625, 0.97216796875,
    -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  ],
  [
    -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625, 0.77978515625,
    -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
  ],
  [
    -0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625, 0.465087890625,
    -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875,
  ],
  [
    -0.00830078125, 0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875, 0.1373291015625,
    -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
  ],
];
const TAPS = 12;

/** The largest sum of absolute taps over the phases: no interpolated value exceeds it times the window's peak. */
const TAP_L1 = Math.max(...TRUE_PEAK_PHASES.map((p) => p.reduce((a, t) => a + Math.abs(t), 0)));

/** Sliding-window maximum of `x` over [i, i + w - 1] (van Herk / Gil-Werman, O(n)). */
function slidingMax(x: Float64Array, w: number): Float64Array {
  const n = x.length;
  const pre = new Float64Array(n);
  const suf = new Float64Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    p = i % w === 0 || v > p ? v : p;
    pre[i] = p;
  }
  let q = 0;
  for (let i = n - 1; i >= 0; i--) {
    const v = x[i] ?? 0;
    q = i === n - 1 || (i + 1) % w === 0 || v > q ? v : q;
    suf[i] = q;
  }
  for (let i = 0; i < n; i++) {
    const j = i + w - 1 < n ? i + w - 1 : n - 1;
    const a = suf[i] ?? 0;
    const b = pre[j] ?? 0;
    // a window clipped by the end lies in i's block, which suf[i] covers to its end (= n - 1)
    pre[i] = ((j / w) | 0) === ((i / w) | 0) || a > b ? a : b; // pre[j >= i] is still unwritten
  }
  return pre;
}

/** Sliding-window extreme (maximum, or minimum with `max` false) of `x` over [i, i + w - 1]. */
export function slidingExtreme(x: Float64Array, w: number, max: boolean): Float64Array {
  if (max) return slidingMax(x, w);
  const negated = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) negated[i] = -(x[i] ?? 0);
  const m = slidingMax(negated, w);
  for (let i = 0; i < m.length; i++) m[i] = -(m[i] ?? 0);
  return m;
}

const HALF = TAPS / 2;

/**
 * The interpolated peaks of one channel at the frames where they may exceed `floor`: those with a sample within the
 * filter's reach (frames i - 6 .. i + 5) whose absolute value times TAP_L1 is over `floor` (multiplying by a positive
 * constant keeps the order of floats, so this is the window's peak times TAP_L1 over `floor`). Raises `env[i]` to
 * each (when given) and returns their maximum (0 if none). One pass; it allocates only the 6 + 11 samples at each
 * end, zero-padded as the recommendation's filter reads them.
 */
function interpolatedPeaks(ch: Float32Array, floor: number, env: Float64Array | null): number {
  const n = ch.length;
  // the last index k <= i + 5 with |ch[k]| * TAP_L1 > floor (under a negative floor every frame is visited)
  let lastHot = 0 * TAP_L1 > floor ? Infinity : -Infinity;
  let scanned = 0; // samples 0 .. scanned - 1 are looked at
  const head = padded(ch, 0, Math.min(HALF, n));
  const tailStart = Math.max(HALF, n - HALF + 1);
  const tail = padded(ch, tailStart, n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const reach = Math.min(n, i + HALF);
    for (; scanned < reach; scanned++) if (Math.abs(ch[scanned] ?? 0) * TAP_L1 > floor) lastHot = scanned;
    if (lastHot < i - HALF) continue;
    // the 4 points between ch[i - 1] and ch[i]: taps against ch[i + 5 - t], t = 0..11
    const peak =
      i < HALF
        ? interpolatedPeak(head, i)
        : i >= tailStart
          ? interpolatedPeak(tail, i - tailStart)
          : interpolatedPeak(ch, i - HALF);
    if (peak > max) max = peak;
    if (env && peak > (env[i] ?? 0)) env[i] = peak;
  }
  return max;
}

/** Frames [from, to) of `ch` with the filter's reach, zero outside the signal: entry j is ch[from - 6 + j]. */
function padded(ch: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.max(0, to - from) + TAPS - 1);
  for (let j = 0; j < out.length; j++) {
    const k = from - HALF + j;
    if (k >= 0 && k < ch.length) out[j] = ch[k] ?? 0;
  }
  return out;
}

/**
 * Per frame, the largest absolute value of the sample and its 4x-oversampled neighbours over all channels. Frames
 * whose interpolated values cannot exceed `floor` are not interpolated (their value is only the sample's), so callers
 * that only care about values above a level pass it and save most of the work.
 */
export function truePeakEnvelope(channels: readonly Float32Array[], floor = 0): Float64Array {
  const frames = channels[0]?.length ?? 0;
  const env = new Float64Array(frames);
  for (const ch of channels) {
    for (let i = 0; i < frames; i++) {
      const a = Math.abs(ch[i] ?? 0);
      if (a > (env[i] ?? 0)) env[i] = a;
    }
    interpolatedPeaks(ch, floor, env);
  }
  return env;
}

/** max |interpolated value| of the 4 phases from the 12 samples x[at .. at + 11] (the filter, unrolled). */
function interpolatedPeak(x: Float32Array, at: number): number {
  const v0 = x[at + 11] ?? 0;
  const v1 = x[at + 10] ?? 0;
  const v2 = x[at + 9] ?? 0;
  const v3 = x[at + 8] ?? 0;
  const v4 = x[at + 7] ?? 0;
  const v5 = x[at + 6] ?? 0;
  const v6 = x[at + 5] ?? 0;
  const v7 = x[at + 4] ?? 0;
  const v8 = x[at + 3] ?? 0;
  const v9 = x[at + 2] ?? 0;
  const v10 = x[at + 1] ?? 0;
  const v11 = x[at + 0] ?? 0;
  let m = 0;
  const p0 =
    0.001708984375 * v0 +
    0.010986328125 * v1 +
    -0.0196533203125 * v2 +
    0.033203125 * v3 +
    -0.0594482421875 * v4 +
    0.1373291015625 * v5 +
    0.97216796875 * v6 +
    -0.102294921875 * v7 +
    0.047607421875 * v8 +
    -0.026611328125 * v9 +
    0.014892578125 * v10 +
    -0.00830078125 * v11;
  m = Math.max(m, p0 < 0 ? -p0 : p0);
  const p1 =
    -0.0291748046875 * v0 +
    0.029296875 * v1 +
    -0.0517578125 * v2 +
    0.089111328125 * v3 +
    -0.16650390625 * v4 +
    0.465087890625 * v5 +
    0.77978515625 * v6 +
    -0.2003173828125 * v7 +
    0.1015625 * v8 +
    -0.0582275390625 * v9 +
    0.0330810546875 * v10 +
    -0.0189208984375 * v11;
  m = Math.max(m, p1 < 0 ? -p1 : p1);
  const p2 =
    -0.0189208984375 * v0 +
    0.0330810546875 * v1 +
    -0.0582275390625 * v2 +
    0.1015625 * v3 +
    -0.2003173828125 * v4 +
    0.77978515625 * v5 +
    0.465087890625 * v6 +
    -0.16650390625 * v7 +
    0.089111328125 * v8 +
    -0.0517578125 * v9 +
    0.029296875 * v10 +
    -0.0291748046875 * v11;
  m = Math.max(m, p2 < 0 ? -p2 : p2);
  const p3 =
    -0.00830078125 * v0 +
    0.014892578125 * v1 +
    -0.026611328125 * v2 +
    0.047607421875 * v3 +
    -0.102294921875 * v4 +
    0.97216796875 * v5 +
    0.1373291015625 * v6 +
    -0.0594482421875 * v7 +
    0.033203125 * v8 +
    -0.0196533203125 * v9 +
    0.010986328125 * v10 +
    0.001708984375 * v11;
  m = Math.max(m, p3 < 0 ? -p3 : p3);
  return m;
}

/** The true peak (linear) of the channels; exact when it is at least `floor` (a lower bound otherwise). */
export function truePeakOf(channels: readonly Float32Array[], floor = 0): number {
  let samplePeak = 0;
  for (const ch of channels)
    for (let i = 0; i < ch.length; i++) samplePeak = Math.max(samplePeak, Math.abs(ch[i] ?? 0));
  // the envelope's maximum: no sample exceeds samplePeak, so only interpolated values can
  let m = samplePeak;
  for (const ch of channels) m = Math.max(m, interpolatedPeaks(ch, Math.max(floor, samplePeak), null));
  return m;
}

export type MasterTarget = {
  /** Integrated loudness target as a mean square (see targetMeanSquare). */
  meanSquare: number;
  /** True-peak ceiling, linear. */
  ceiling: number;
};

/** -14 LUFS integrated and -1 dBTP, with a 0.2 dB margin under the ceiling for meters that interpolate otherwise. */
export const STREAMING_TARGET: MasterTarget = {
  meanSquare: 0.04667668449794024, // 10^((-14 + 0.691) / 10)
  ceiling: 0.8709635899560806, // 10^(-1.2 / 20)
};

/** Ring capacity of limiterGains' window (a power of two above its 2 TAPS + 1 frames). */
const RING = 32;

/**
 * Per-frame gain that keeps the true peak under `ceiling`: look-ahead min, linear attack ramp, linear release;
 * written into `g` (the envelope's length). Returns how many frames it reduces.
 */
function limiterGains(env: Float64Array, gain: number, ceiling: number, rate: number, g: Float64Array): number {
  const n = env.length;
  const attack = Math.max(1, Math.round(rate * 0.002));
  const release = Math.max(1, Math.round(rate * 0.08));
  // backward: the gain ramps down linearly over `attack` frames before each reduction (and the reduction holds
  // `TAPS` frames either side, so the interpolated neighbours are reduced too): the ramp meets the minimum of what
  // frames j .. j + 2 TAPS need (j = max(0, i - TAPS)), kept in a monotonic queue of (frame, need) as j goes down
  const ringAt = new Int32Array(RING);
  const ringNeed = new Float64Array(RING);
  let front = 0; // the queue is ring[front .. back - 1] (mod RING): frames falling, needs rising from the front
  let back = 0;
  let lowest = n; // frames lowest .. n - 1 have entered the queue
  let next = 1;
  for (let i = n - 1; i >= 0; i--) {
    const j = Math.max(0, i - TAPS);
    while (lowest > j) {
      lowest--;
      const e = (env[lowest] ?? 0) * gain;
      const need = e > ceiling ? ceiling / e : 1;
      while (back !== front && (ringNeed[(back - 1) & (RING - 1)] ?? 1) >= need) back--;
      ringAt[back & (RING - 1)] = lowest;
      ringNeed[back & (RING - 1)] = need;
      back++;
    }
    while ((ringAt[front & (RING - 1)] ?? 0) > j + 2 * TAPS) front++;
    next = Math.min(ringNeed[front & (RING - 1)] ?? 1, next + 1 / attack);
    g[i] = next;
  }
  // forward: recover linearly over `release` frames
  let prev = 1;
  let limited = 0;
  for (let i = 0; i < n; i++) {
    prev = Math.min(g[i] ?? 1, prev + 1 / release);
    g[i] = prev;
    if (prev < 1) limited++;
  }
  return limited;
}

export type MasterReport = { gain: number; limitedFrames: number; meanSquare: number; truePeak: number };

/**
 * Scales `channels` in place to the target loudness under the true-peak ceiling: a gain from the gated loudness, a
 * look-ahead limiter on the peaks that gain would push over the ceiling, then the gain corrected for what the
 * limiter took (a few passes), and a last trim if an interpolated peak is still over. Silence stays silence.
 */
export function masterToLoudness(
  channels: Float32Array[],
  rate: number,
  target: MasterTarget = STREAMING_TARGET,
): MasterReport {
  const dry = channels.map((c) => c.slice());
  const measured = integratedMeanSquare(dry, rate);
  if (measured === 0) return { gain: 1, limitedFrames: 0, meanSquare: 0, truePeak: truePeakOf(dry) };
  const first = Math.sqrt(target.meanSquare / measured);
  // the limiter needs the envelope only above ceiling / gain; the gain stays under 1.5 times (+3.5 dB) the first
  // estimate (a limiter that takes more than that is not what this stage is for)
  const maxGain = 1.5 * first;
  const envelope = truePeakEnvelope(dry, target.ceiling / maxGain);
  let gain = first;
  let limitedFrames = 0;
  const lim = new Float64Array(envelope.length); // the limiter's gains, rewritten by each pass
  for (let pass = 0; pass < 4; pass++) {
    limitedFrames = limiterGains(envelope, gain, target.ceiling, rate, lim);
    for (let c = 0; c < channels.length; c++) {
      const ch = channels[c];
      const src = dry[c];
      if (!ch || !src) continue;
      for (let i = 0; i < ch.length; i++) ch[i] = (src[i] ?? 0) * gain * (lim[i] ?? 1);
    }
    const now = integratedMeanSquare(channels, rate);
    const ratio = target.meanSquare / now;
    if (ratio > 0.9977 && ratio < 1.0023) break; // within 0.01 LU
    gain = Math.min(maxGain, gain * Math.sqrt(ratio));
  }
  // the reported true peak is exact from half the ceiling up (-7 dBTP), which a mastered mix always reaches
  const floor = 0.5 * target.ceiling;
  let peak = truePeakOf(channels, floor);
  if (peak > target.ceiling) {
    const trim = target.ceiling / peak;
    for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] ?? 0) * trim;
    gain *= trim;
    peak = truePeakOf(channels, floor);
  }
  return { gain, limitedFrames, meanSquare: integratedMeanSquare(channels, rate), truePeak: peak };
}
