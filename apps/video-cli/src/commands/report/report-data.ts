/** One face track of an input, stored sparsely: `at` indexes the input's frame arrays. */
export interface TrackSeries {
  readonly id: number;
  /** Indices into {@link InputSeries.t} of the frames where the track was seen. */
  readonly at: number[];
  /** Detection score at each `at` frame. */
  readonly score: number[];
  /** Head pose in degrees at each `at` frame (`null` where the face had no pose); absent without a pose stage. */
  readonly yaw?: (number | null)[];
  readonly pitch?: (number | null)[];
  readonly roll?: (number | null)[];
  /** Frame index (decoded order) where the score was best. */
  readonly bestFrame: number;
  readonly bestScore: number;
  /** Thumbnail as a `data:image/jpeg;base64,...` URI, when the run wrote one. */
  thumb?: string;
}

/** Per-frame series of one input, columnar so the browser draws them without reshaping. */
export interface InputSeries {
  /** Seconds from the start of the source, per processed frame. */
  readonly t: number[];
  /** Decoded frame index per processed frame. */
  readonly frame: number[];
  /** Number of faces per frame; absent without a face stage. */
  readonly faces?: number[];
  /** Person-mask coverage (0..1) per frame; absent without a segmentation stage. */
  readonly coverage?: (number | null)[];
  readonly tracks: TrackSeries[];
}

/** One row of the batch table (and its section when it has results). */
export interface InputReport {
  /** Output stem (file name of the JSONL without `.jsonl`). */
  readonly name: string;
  /** The input path as given to the run (absolute). */
  readonly input: string;
  readonly kind: 'image' | 'video';
  readonly status: 'done' | 'skipped' | 'failed' | 'interrupted' | 'pending';
  readonly frames: number;
  /** Processing rate of the run, frames/s (`null` when unknown, e.g. for a skipped input). */
  readonly fps: number | null;
  readonly framesWithFace: number;
  readonly tracks: number;
  readonly error?: string;
  /** Links relative to report.html. */
  readonly links: { readonly jsonl?: string; readonly annotated?: string; readonly masks?: string };
  readonly series?: InputSeries;
}

/** Detection PR curve (recall ascending). */
export interface PrCurveReport {
  readonly kind: 'pr';
  readonly recall: number[];
  readonly precision: number[];
  readonly ap: number;
}

/** Cumulative error distribution of landmark NME up to `limit`. */
export interface CedReport {
  readonly kind: 'ced';
  readonly threshold: number[];
  readonly fraction: number[];
  readonly limit: number;
  readonly auc: number;
  readonly failureRate: number;
}

/** Histogram of per-image IoU for segmentation. */
export interface IouHistogramReport {
  readonly kind: 'iou-histogram';
  /** Left edge of each bin. */
  readonly binStart: number[];
  readonly count: number[];
  readonly binWidth: number;
  readonly meanIou: number;
}

/** `facepipe eval ... --report`: the metrics object printed on stdout and the task's standard curve. */
export interface EvalReport {
  readonly task: 'detect' | 'landmarks' | 'segment';
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly curve: PrCurveReport | CedReport | IouHistogramReport;
}

/** `facepipe quantize ... --report`: fp32 and int8 side by side. */
export interface QuantizeReportView {
  readonly model: string;
  readonly method: string;
  readonly rows: readonly { readonly label: string; readonly fp32: string; readonly int8: string }[];
  readonly latency: readonly { readonly threads: number; readonly fp32Ms: number; readonly int8Ms: number }[];
  readonly outputs: readonly { readonly name: string; readonly cosine: number; readonly sqnrDb: number | null; readonly maxAbs: number }[];
  readonly layers: readonly { readonly tensor: string; readonly opType: string; readonly sqnrDb: number | null }[];
}

/** Everything report.html shows; serialised as JSON into the page. */
export interface ReportData {
  readonly title: string;
  readonly generatedAt: string;
  readonly batch?: { readonly out: string; readonly stages: readonly string[]; readonly inputs: readonly InputReport[] };
  readonly eval?: EvalReport;
  readonly quantize?: QuantizeReportView;
}
