/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time) on separate real/imaginary arrays, with
 * the twiddle and bit-reversal tables built once per size. Small and dependency-free so the watermark runs the same
 * in Node and in a browser worker.
 */
import { BaseError } from '../../errors/base';
export type Fft = {
  readonly size: number;
  /** Forward transform, X_k = sum_n x_n e^{-2 pi i k n / N}, in place. */
  forward(re: Float64Array, im: Float64Array): void;
  /** Inverse transform including the 1/N factor, in place. */
  inverse(re: Float64Array, im: Float64Array): void;
};

export class FftSizeError extends BaseError {
  override name = 'FftSizeError';
}

export function createFft(size: number): Fft {
  if (size < 2 || (size & (size - 1)) !== 0) throw new FftSizeError(`FFT size must be a power of two, got ${size}`);
  const bits = Math.log2(size);
  const rev = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  const cos = new Float64Array(size / 2);
  const sin = new Float64Array(size / 2);
  for (let i = 0; i < size / 2; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / size);
    sin[i] = Math.sin((2 * Math.PI * i) / size);
  }

  const transform = (re: Float64Array, im: Float64Array, sign: 1 | -1): void => {
    for (let i = 0; i < size; i++) {
      const j = rev[i] as number;
      if (j > i) {
        const tr = re[i] as number;
        re[i] = re[j] as number;
        re[j] = tr;
        const ti = im[i] as number;
        im[i] = im[j] as number;
        im[j] = ti;
      }
    }
    for (let len = 2; len <= size; len <<= 1) {
      const half = len >>> 1;
      const step = size / len;
      for (let start = 0; start < size; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step] as number;
          const wi = -sign * (sin[k * step] as number);
          const a = start + k;
          const b = a + half;
          const br = re[b] as number;
          const bi = im[b] as number;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a] as number;
          const ai = im[a] as number;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  };

  return {
    size,
    forward: (re, im) => transform(re, im, 1),
    inverse: (re, im) => {
      transform(re, im, -1);
      for (let i = 0; i < size; i++) {
        re[i] = (re[i] as number) / size;
        im[i] = (im[i] as number) / size;
      }
    },
  };
}
