import { ModelLoadError } from '../shared/errors.js';
import { cachedSha256 } from './model-cache.js';
import { modelRegistry } from './model-registry.js';
import { findLocalModel, type ResolveModelOptions } from './resolve-model.js';

/** Outcome of {@link verifyModel} for one model. */
export interface ModelVerification {
  readonly id: string;
  /** The local file checked, when one was found. */
  readonly path?: string;
  /** True when a local copy exists and matches the registry's sha256 (or has no sha256 on record). */
  readonly ok: boolean;
  /** Why it is not ok, or a note when it is (e.g. `no sha256 on record`). */
  readonly reason: string;
}

/**
 * Check the local copy of a registered model without downloading anything (for
 * `facepipe models verify`): finds it like {@link resolveModel} (models folders, then the cache)
 * and compares its sha256 with the registry's.
 *
 * ## Example
 * ```ts
 * await verifyModel('ultraface-rfb-320');
 * // { id: 'ultraface-rfb-320', path: '/…/version-RFB-320.onnx', ok: true, reason: 'sha256 34cd7e60… matches (models-dir)' }
 * ```
 * @throws {ModelLoadError} when `id` is not a registry id (a missing or corrupt file is reported, not thrown).
 */
export async function verifyModel(id: string, options: Pick<ResolveModelOptions, 'modelDirs' | 'cacheDir' | 'registry'> = {}): Promise<ModelVerification> {
  const registry = options.registry ?? modelRegistry;
  const spec = registry.get(id);
  if (!spec) throw new ModelLoadError(`Unknown model id "${id}" (known: ${registry.list().map((s) => s.id).join(', ')})`, id);
  const local = findLocalModel(spec, options);
  if (!('path' in local)) return { id, ok: false, reason: `not found locally; looked in:\n  - ${local.tried.join('\n  - ')}` };
  if (!spec.sha256) return { id, path: local.path, ok: true, reason: `present (${local.from}); no sha256 on record, not verified` };
  const actual = await cachedSha256(local.path);
  return actual === spec.sha256
    ? { id, path: local.path, ok: true, reason: `sha256 ${actual} matches (${local.from})` }
    : { id, path: local.path, ok: false, reason: `sha256 mismatch: expected ${spec.sha256}, actual ${actual}` };
}
