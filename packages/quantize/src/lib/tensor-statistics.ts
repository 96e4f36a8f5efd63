/** Number of histogram bins used for Percentile and Entropy calibration. */
export const HISTOGRAM_BINS = 2048;
/** At most this many values of one sample go into a histogram (an evenly strided subset of larger tensors). */
export const HISTOGRAM_SAMPLE_CAP = 1 << 18;

/**
 * Running statistics of one tensor over the calibration set, gathered in a single pass: min, max and
 * a histogram of |x| in {@link HISTOGRAM_BINS} bins over [0, `histogramRange`). The range starts at the
 * first sample's max |x| and doubles (merging bin pairs) whenever a later sample exceeds it, so every
 * value is counted and bins are at most twice as coarse as `absMax / bins`. Min/max see every value;
 * the histogram of a sample with more than {@link HISTOGRAM_SAMPLE_CAP} values counts an evenly
 * strided subset (Prisma-Net exposes ~41 M activation values per image).
 *
 * ## Example
 * ```ts
 * const s = new TensorStatistics('conv1');
 * for (const data of samples) s.observe(data);
 * s.min; s.max; s.histogram; s.histogramRange; // inputs to the calibrators
 * ```
 */
export class TensorStatistics {
  min = Infinity;
  max = -Infinity;
  /** Number of values seen. */
  count = 0;
  /** |x| counts; bin i covers [i, i+1) * histogramRange / bins. Absent when observed without histogram. */
  histogram: Float64Array | undefined;
  /** Upper edge of the histogram's last bin. */
  histogramRange = 0;

  constructor(readonly name: string) {}

  /** Largest |x| seen so far. */
  get absMax(): number {
    return Math.max(Math.abs(this.min), Math.abs(this.max));
  }

  /** Fold one sample's values into min/max and (unless `histogram` is false) the |x| histogram. */
  observe(data: Float32Array, histogram = true): void {
    let lo = this.min;
    let hi = this.max;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    this.min = lo;
    this.max = hi;
    this.count += data.length;
    if (!histogram) return;
    const bins = HISTOGRAM_BINS;
    const hist = (this.histogram ??= new Float64Array(bins));
    const top = this.absMax;
    if (!(top > 0)) {
      hist[0] += Math.ceil(data.length / Math.max(1, Math.ceil(data.length / HISTOGRAM_SAMPLE_CAP)));
      return;
    }
    if (this.histogramRange === 0) {
      // first non-zero sample: everything counted so far was exactly 0 and stays in bin 0
      this.histogramRange = top;
    }
    while (top > this.histogramRange) {
      for (let i = 0; i < bins / 2; i++) hist[i] = hist[2 * i] + hist[2 * i + 1];
      hist.fill(0, bins / 2);
      this.histogramRange *= 2;
    }
    const k = bins / this.histogramRange;
    const last = bins - 1;
    const step = Math.max(1, Math.ceil(data.length / HISTOGRAM_SAMPLE_CAP));
    for (let i = 0; i < data.length; i += step) {
      const v = data[i];
      let b = ((v < 0 ? -v : v) * k) | 0;
      if (b > last) b = last;
      hist[b]++;
    }
  }
}
