/**
 * Band-limited resampling by windowed-sinc interpolation (Hann-windowed sinc, 16 zero crossings each side, cutoff at
 * the lower Nyquist). The detector uses it to bring audio at another rate back to the reference rate.
 */
const HALF_TAPS = 16;

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input;
  const ratio = toRate / fromRate;
  const out = new Float32Array(Math.floor(input.length * ratio));
  const cutoff = Math.min(1, ratio); // relative to the input's Nyquist
  const width = HALF_TAPS / cutoff;
  for (let i = 0; i < out.length; i++) {
    const t = i / ratio;
    const from = Math.max(0, Math.ceil(t - width));
    const to = Math.min(input.length - 1, Math.floor(t + width));
    let acc = 0;
    for (let n = from; n <= to; n++) {
      const x = (t - n) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const win = 0.5 + 0.5 * Math.cos((Math.PI * (t - n)) / width);
      acc += (input[n] as number) * sinc * win;
    }
    out[i] = acc * cutoff;
  }
  return out;
}
