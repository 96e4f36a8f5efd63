import type { TensorInfo } from '../runtime/model-runner.js';
import type { ModelHead } from './model-spec.js';

/**
 * Whether a model's outputs are what a head of this kind needs (names, last dims): the stage that
 * owns the head kind knows; core only asks. Used by {@link identifyModel} to recognise a renamed
 * or re-exported model file by its I/O signature.
 */
export type HeadSignature = (head: ModelHead, outputs: readonly TensorInfo[]) => boolean;

const signatures = new Map<string, HeadSignature>();

/**
 * Register the output check of a head kind (stage packages do this from their entry, beside
 * `registerModel`). Registering the same function again is a no-op.
 *
 * ## Example
 * ```ts
 * registerHeadSignature('segmentation', (head, outputs) => outputs.some((o) => o.name === (head as SegmentationHead).output));
 * ```
 * @throws {Error} when `kind` already has a different check.
 */
export function registerHeadSignature(kind: string, check: HeadSignature): void {
  const known = signatures.get(kind);
  if (known && known !== check) throw new Error(`A head signature for kind \`${kind}\` is already registered`);
  signatures.set(kind, check);
}

/** The output check registered for a head kind, if any. */
export function headSignature(kind: string): HeadSignature | undefined {
  return signatures.get(kind);
}

/** Whether a dimension fits `want`: symbolic or unknown dimensions fit anything. */
export function dimFits(dim: number | string | undefined, want: number): boolean {
  return typeof dim !== 'number' || dim <= 0 || dim === want;
}

/** The last dimension of a tensor, or undefined when there is no tensor. */
export function lastDim(info: TensorInfo | undefined): number | string | undefined {
  return info?.dims[info.dims.length - 1];
}
