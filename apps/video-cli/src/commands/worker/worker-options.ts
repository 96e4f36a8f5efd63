/** Options of `facepipe worker`. */
export interface WorkerOptions {
  readonly redis: string;
  readonly queue: string;
  /** Jobs (inputs) processed at once by this process. */
  readonly concurrency: number;
  /** Inference worker threads per model (as `run --workers`). */
  readonly workers: number;
  readonly threads?: number;
  /** Frames in flight per stage (as `run --concurrency`). */
  readonly stageConcurrency?: number;
  readonly maxInFlight: number;
  /** A job whose lock is not renewed for this long is taken over by another worker (stalled-job recovery). */
  readonly lockMs: number;
  /** Exit once nothing is waiting, delayed or active in the queue. */
  readonly exitWhenIdle: boolean;
  readonly quiet: boolean;
}

/** What `facepipe worker` does after parsing; resolves to the exit code. */
export type WorkerAction = (options: WorkerOptions) => Promise<number>;
