import type { TensorInfo } from '../runtime/model-runner.js';
import type { ModelHead } from './model-spec.js';

/**
 * Whether a model's outputs are what a head of this kind needs (names, last dims): the stage that
 * owns the head kind knows; core only asks. Used by {@link identifyModel} to recognise a renamed
 * or re-exported model file by its I/O signature.
 */
export type HeadSignature = (head: ModelHead, outputs: readonly TensorInfo[]) => boolean;

const signatures = new Map<string, { readonly check: HeadSignature; readonly owner: string }>();

/**
 * Register the output check of a head kind (stage packages do this from their entry, beside
 * `registerModel`), naming the package that owns the kind. The same owner registering again
 * replaces its check (a stage module loaded twice, from its sources and its build, is harmless);
 * another owner claiming a taken kind is refused.
 *
 * ## Example
 * ```ts
 * registerHeadSignature('segmentation', (head, outputs) => outputs.some((o) => o.name === (head as SegmentationHead).output), '@facepipe/segmentation');
 * ```
 * @throws {Error} when `kind` is already owned by another package.
 */
export function registerHeadSignature(kind: string, check: HeadSignature, owner: string): void {
  const known = signatures.get(kind);
  if (known && known.owner !== owner) throw new Error(`Head kind \`${kind}\` is already registered by ${known.owner}; ${owner} cannot register it again`);
  signatures.set(kind, { check, owner });
}

/** The output check registered for a head kind, if any. */
export function headSignature(kind: string): HeadSignature | undefined {
  return signatures.get(kind)?.check;
}

/** Whether a dimension fits `want`: symbolic or unknown dimensions fit anything. */
export function dimFits(dim: number | string | undefined, want: number): boolean {
  return typeof dim !== 'number' || dim <= 0 || dim === want;
}

/** The last dimension of a tensor, or undefined when there is no tensor. */
export function lastDim(info: TensorInfo | undefined): number | string | undefined {
  return info?.dims[info.dims.length - 1];
}
