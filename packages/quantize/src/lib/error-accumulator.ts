/** Error of a quantized tensor against its fp32 reference. */
export interface ErrorStats {
  /** Largest |ref - test|. */
  readonly maxAbs: number;
  /** Mean |ref - test|. */
  readonly meanAbs: number;
  /** Cosine similarity of the flattened tensors (1 = same direction). */
  readonly cosine: number;
  /** Signal-to-quantization-noise ratio, 10·log10(Σref² / Σ(ref-test)²), in dB (Infinity when identical). */
  readonly sqnrDb: number;
  /** Number of values compared. */
  readonly count: number;
}

/**
 * Accumulates {@link ErrorStats} over several samples of the same tensor in one pass per sample.
 *
 * ## Example
 * ```ts
 * const acc = new ErrorAccumulator();
 * acc.add(fp32Out, int8Out);
 * acc.result(); // { maxAbs: 0.02, meanAbs: 0.001, cosine: 0.9998, sqnrDb: 31.2, count: 8840 }
 * ```
 * @throws {RangeError} when the two arrays differ in length.
 */
export class ErrorAccumulator {
  private maxAbs = 0;
  private sumAbs = 0;
  private dot = 0;
  private refSq = 0;
  private testSq = 0;
  private errSq = 0;
  private count = 0;

  add(ref: ArrayLike<number>, test: ArrayLike<number>): void {
    if (ref.length !== test.length) throw new RangeError(`Expected tensors of equal length, got ${ref.length} and ${test.length}`);
    let maxAbs = this.maxAbs;
    let sumAbs = 0;
    let dot = 0;
    let refSq = 0;
    let testSq = 0;
    let errSq = 0;
    for (let i = 0; i < ref.length; i++) {
      const a = ref[i];
      const b = test[i];
      const d = a - b;
      const ad = d < 0 ? -d : d;
      if (ad > maxAbs) maxAbs = ad;
      sumAbs += ad;
      dot += a * b;
      refSq += a * a;
      testSq += b * b;
      errSq += d * d;
    }
    this.maxAbs = maxAbs;
    this.sumAbs += sumAbs;
    this.dot += dot;
    this.refSq += refSq;
    this.testSq += testSq;
    this.errSq += errSq;
    this.count += ref.length;
  }

  result(): ErrorStats {
    const denom = Math.sqrt(this.refSq * this.testSq);
    return {
      maxAbs: this.maxAbs,
      meanAbs: this.count ? this.sumAbs / this.count : 0,
      cosine: denom > 0 ? this.dot / denom : this.refSq === this.testSq ? 1 : 0,
      sqnrDb: this.errSq > 0 ? 10 * Math.log10(this.refSq / this.errSq) : Infinity,
      count: this.count,
    };
  }
}
