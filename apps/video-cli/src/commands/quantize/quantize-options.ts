import type { Stage } from '../../shared/option-parsers.js';

/** Options of `facepipe quantize [model] | --all`. */
export interface QuantizeOptions {
  /** One model id or path; absent with `all`. */
  readonly model?: string;
  /** Quantize every model the `stages` use (`detector`, `landmarks`, the FSA-Net pair, `segmenter`). */
  readonly all?: boolean;
  readonly stages?: readonly Stage[];
  /** Models of the stages (`--all`) and the fp32 detector whose boxes give face-crop calibration inputs. */
  readonly detector?: string;
  readonly landmarks?: string;
  readonly segmenter?: string;
  readonly calib: string;
  /** Explicit flags: each overrides the model's recipe. */
  readonly method?: 'minmax' | 'percentile' | 'entropy';
  readonly activationType?: 'uint8' | 'int8';
  readonly weightBits?: 7 | 8;
  readonly fp32Nodes?: readonly string[];
  readonly fp32WeightNodes?: readonly string[];
  readonly maxImages?: number;
  readonly out?: string;
  readonly report?: string;
}

/** What `facepipe quantize` does after parsing; resolves to the exit code. */
export type QuantizeAction = (options: QuantizeOptions) => Promise<number>;
