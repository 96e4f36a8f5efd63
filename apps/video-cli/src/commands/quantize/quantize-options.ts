/** Options of `facepipe quantize <model>`. */
export interface QuantizeOptions {
  readonly model: string;
  readonly calib: string;
  readonly method: 'minmax' | 'percentile' | 'entropy';
  readonly out?: string;
  readonly report?: string;
  readonly maxImages?: number;
}

/** What `facepipe quantize` does after parsing; resolves to the exit code. */
export type QuantizeAction = (options: QuantizeOptions) => Promise<number>;
