import { FacepipeError, ModelLoadError } from './errors.js';
import { modelRegistry } from './model-registry.js';
import { resolveModel, type ResolveModelOptions } from './resolve-model.js';

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
 * // { id: 'ultraface-rfb-320', path: '/…/version-RFB-320.onnx', ok: true, reason: 'sha256 34cd7e60… matches' }
 * ```
 * @throws {ModelLoadError} when `id` is not a registry id (a missing or corrupt file is reported, not thrown).
 */
export async function verifyModel(id: string, options: Omit<ResolveModelOptions, 'download'> = {}): Promise<ModelVerification> {
  const registry = options.registry ?? modelRegistry;
  const spec = registry.get(id);
  if (!spec) throw new ModelLoadError(`Unknown model id "${id}" (known: ${registry.list().map((s) => s.id).join(', ')})`, id);
  try {
    const r = await resolveModel(id, { ...options, download: false });
    return { id, path: r.path, ok: true, reason: r.verified ? `sha256 ${spec.sha256} matches (${r.from})` : `present (${r.from}); no sha256 on record, not verified` };
  } catch (err) {
    if (!(err instanceof FacepipeError)) throw err;
    const m = /sha256 mismatch for (.+)\n/.exec(err.message);
    return { id, ...(m ? { path: m[1] } : {}), ok: false, reason: err.message };
  }
}
