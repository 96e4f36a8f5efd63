import type { ModelOptions, RuntimeOptions } from '../../shared/model-options.js';
import type { PoseMethod, Stage } from '../../shared/defaults.js';

/** How the face stages treat a video (see {@link RunOptions.mode}). */
export type FaceMode = 'exact' | 'video';

/** Options of `facepipe run`, as parsed from the command line. */
export interface RunOptions extends ModelOptions, RuntimeOptions {
  readonly stages: readonly Stage[];
  readonly pose: PoseMethod;
  /**
   * Face stages on videos: `'video'` places each face's next crop from its landmarks and runs the
   * detector only every `detectEvery` frames or when a face may have been lost or appeared;
   * `'exact'` detects on every frame. Images are always exact.
   */
  readonly mode?: FaceMode;
  /** Video mode: run the detector at least every this many frames. */
  readonly detectEvery?: number;
  readonly every?: number;
  readonly fps?: number;
  readonly out: string;
  readonly annotate: boolean;
  readonly masks: boolean;
  readonly skipExisting: boolean;
  /** Keep the decodable frames of a damaged video (reported as `damage` in the summary) instead of failing it. */
  readonly keepDecodable?: boolean;
  readonly recursive: boolean;
  readonly json: boolean;
  /** Write thumbnails, facepipe-run.json and <out>/report.html. */
  readonly report?: boolean;
  readonly quiet: boolean;
  readonly maxInFlight: number;
  /** Stop after this many frames per input (testing and previews). */
  readonly maxFrames?: number;
  /** One live stream (URL or `-`) in real time, dropping frames the pipeline cannot take (see run-live.ts). */
  readonly live?: boolean;
  /** With `live`: reconnect with backoff when the stream drops. */
  readonly reconnect?: boolean;
  /** With `live`: wait for the sender to connect (RTSP server / TCP listener). */
  readonly listen?: boolean;
}

/** What `facepipe run` does after parsing; resolves to the exit code. */
export type RunAction = (inputs: readonly string[], options: RunOptions) => Promise<number>;
