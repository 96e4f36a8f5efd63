import { modelRegistry, type ModelRegistry } from './model-registry.js';
import type { ModelSpec } from './model-spec.js';

/**
 * Add models to a registry (default the process-wide {@link modelRegistry}). Stage packages call
 * this from their entry point with the models they can decode; applications call it for their own.
 * Registering an id again with an identical spec is a no-op, so importing an entry twice is harmless.
 *
 * ## Example
 * ```ts
 * registerModel({ ...modelRegistry.get('sinet-320')!, id: 'my-sinet', file: 'my-sinet.onnx', sha256: undefined });
 * registerModel(MY_MODELS); // several at once
 * ```
 * @throws {Error} when an id is already registered with a different spec (nothing after it is registered).
 */
export function registerModel(specs: ModelSpec | readonly ModelSpec[], registry: ModelRegistry = modelRegistry): void {
  for (const spec of Array.isArray(specs) ? (specs as readonly ModelSpec[]) : [specs as ModelSpec]) registry.register(spec);
}
