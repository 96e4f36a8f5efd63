import { FacepipeError, ModelLoadError } from '@facepipe/core';

/**
 * The bytes given as a model are not an ONNX `ModelProto` (not protobuf, or protobuf without a graph).
 *
 * ## Example
 * ```ts
 * try { readOnnxModel('photo.jpg'); } catch (e) { if (e instanceof NotOnnxError) console.log(e.model); }
 * ```
 */
export class NotOnnxError extends ModelLoadError {}

/**
 * Calibration could not run: the calibration set is empty, or a sample does not fit the model input.
 *
 * ## Example
 * ```ts
 * try { await quantizeModel('ultraface-rfb-320-sim', { calibration: [] , output }); }
 * catch (e) { if (e instanceof CalibrationError) console.log(e.source); }
 * ```
 */
export class CalibrationError extends FacepipeError {
  constructor(
    message: string,
    /** Description of the calibration source (folder, video path, `Observable`). */
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The graph contains something the quantizer cannot handle at all (not merely an op that stays fp32),
 * e.g. a non-float32 model input or external tensor data.
 *
 * ## Example
 * ```ts
 * try { buildQdqModel(model, ranges); } catch (e) { if (e instanceof UnsupportedModelError) console.log(e.ops); }
 * ```
 */
export class UnsupportedModelError extends FacepipeError {
  constructor(
    message: string,
    /** Offending op types or tensor names. */
    readonly ops: readonly string[],
  ) {
    super(message);
  }
}
