import { FacepipeError } from '@facepipe/core';

/**
 * A detector model produced a value that cannot be a valid output (NaN or infinite score), which
 * means a broken model file or a broken input tensor. Raised instead of silently returning no faces.
 */
export class DetectorOutputError extends FacepipeError {
  constructor(
    /** Model id or path. */
    readonly model: string,
    /** Output tensor name. */
    readonly output: string,
    /** Flat index of the offending element. */
    readonly index: number,
    /** The offending value. */
    readonly value: number,
  ) {
    super(`Model ${model} output "${output}" has an invalid value \`${value}\` at index ${index} (expected a finite score in [0, 1]); the model or its input is broken`);
  }
}
