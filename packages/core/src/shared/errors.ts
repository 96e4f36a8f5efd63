/** Base class of every facepipe error; `name` is the concrete class name. */
export class FacepipeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A model file could not be found, verified, parsed, or does not have the expected inputs/outputs. */
export class ModelLoadError extends FacepipeError {
  constructor(
    message: string,
    /** Model id or path. */
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A tensor or buffer has a shape or size other than the one required. */
export class ShapeMismatchError extends FacepipeError {
  constructor(
    /** What was checked, e.g. `input "input" of version-RFB-320.onnx`. */
    readonly subject: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Expected ${subject} to be ${expected}, got ${actual}`);
  }
}

/** A video or image could not be decoded (missing, corrupt, truncated, not a media file). */
export class DecoderError extends FacepipeError {
  constructor(
    message: string,
    /** The input path or URL. */
    readonly input: string,
    /** The decoder's own message (ffmpeg's stderr tail, sharp's error). */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${message}: ${input}\n${detail}` : `${message}: ${input}`, options);
  }
}

/** Writing frames or images failed (encoder exited non-zero, target not writable). */
export class EncoderError extends FacepipeError {
  constructor(
    message: string,
    readonly output: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${message}: ${output}\n${detail}` : `${message}: ${output}`, options);
  }
}

/** No usable ffmpeg/ffprobe binary; `tried` lists every place looked at and why it failed. */
export class FfmpegNotFoundError extends FacepipeError {
  constructor(
    readonly binary: 'ffmpeg' | 'ffprobe',
    readonly tried: readonly string[],
  ) {
    super(
      `No usable ${binary} binary. Tried:\n  - ${tried.join('\n  - ')}\n` +
        `Fix: set ${binary === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'} to a ${binary} executable, install @${binary}-installer/${binary}, or put ${binary} on PATH.`,
    );
  }
}

/**
 * A model run failed inside onnxruntime (or its worker died). `model` names the model; the
 * runtime's own message is in the message and `cause`.
 *
 * ## Example
 * ```ts
 * try { await runner.run(feeds); } catch (e) { if (e instanceof InferenceError) console.error(e.model, e.message); }
 * ```
 */
export class InferenceError extends FacepipeError {
  constructor(
    message: string,
    /** Model id (or file name) the run was for. */
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A model object (runner, detector, estimator, segmenter) was used after `dispose()`. `model` names
 * the model, `resource` what was disposed.
 *
 * ## Example
 * ```ts
 * await detector.dispose();
 * await detector.detect(frame); // DisposedError: FaceDetector for ultraface-rfb-320 was disposed
 * ```
 */
export class DisposedError extends FacepipeError {
  constructor(
    /** What was disposed, e.g. `FaceDetector`, `model runner`. */
    readonly resource: string,
    /** Model id(s) or path. */
    readonly model: string,
    message = `${resource} for ${model} was disposed`,
  ) {
    super(message);
  }
}

/** An annotation file is not valid `faces-v1`; `pointer` says where (e.g. `images[2].faces[0].box`). */
export class AnnotationFormatError extends FacepipeError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`Invalid faces-v1 annotations in ${file} at ${pointer}: ${problem}`);
  }
}
