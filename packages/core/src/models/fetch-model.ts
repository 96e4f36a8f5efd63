import { ModelLoadError } from '../shared/errors.js';
import { modelRegistry } from './model-registry.js';
import { resolveModel, type ResolveModelOptions, type ResolvedModel } from './resolve-model.js';

/**
 * Make sure a registered model is available locally, downloading it into the cache when no
 * verified copy is found (for `facepipe models fetch`). Same search order and checks as
 * {@link resolveModel}, with downloading forced on.
 *
 * ## Example
 * ```ts
 * const r = await fetchModel('pfld-ghostone-98');
 * r.from; // 'download' the first time, 'cache' afterwards
 * ```
 * @throws {ModelLoadError} for an unknown id, a model that cannot be downloaded (no sha256 on
 * record), a failed download or a corrupt local copy.
 */
export async function fetchModel(id: string, options: Omit<ResolveModelOptions, 'download'> = {}): Promise<ResolvedModel> {
  const registry = options.registry ?? modelRegistry;
  if (!registry.get(id)) {
    throw new ModelLoadError(`Unknown model id "${id}" (known: ${registry.list().map((s) => s.id).join(', ')})`, id);
  }
  return resolveModel(id, { ...options, download: true });
}
