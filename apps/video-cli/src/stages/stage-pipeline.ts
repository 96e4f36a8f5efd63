import type { Frame } from '@facepipe/core';
import type { OperatorFunction } from 'rxjs';
import type { OverlayMask } from '@facepipe/landmarks';

/** A person mask of a processed frame, as the CLI uses it (overlay, export, coverage). */
export interface FrameMask extends OverlayMask {
  /** Fraction of pixels that are person, in [0, 1]. */
  readonly coverage: number;
  /** Encode the mask as an 8-bit grayscale PNG at frame resolution. */
  png(): Promise<Buffer>;
}

/**
 * The models of a `run`, opened once and shared by every input. `operator()` makes a fresh
 * operator per input (tracker/smoothing state starts over for each file).
 */
export interface StagePipeline {
  readonly stages: readonly string[];
  /**
   * The sessions the pipeline opened, in pipeline order, with the intra-op threads each got
   * (`undefined`: onnxruntime's default, in-process sessions), for reports and the thread budget's tests.
   */
  readonly sessions: readonly { readonly stage: 'detect' | 'landmarks' | 'fsanet' | 'segment'; readonly model: string; readonly intraOpThreads: number | undefined }[];
  operator(): OperatorFunction<Frame, Frame>;
  /** The person mask attached to a processed frame (segment stage), else undefined. */
  mask(frame: Frame): FrameMask | undefined;
  dispose(): Promise<void>;
}
