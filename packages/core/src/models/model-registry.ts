import type { ModelSpec } from './model-spec.js';

/**
 * Known models by id. Core ships no models: each stage package registers its own (detector,
 * landmarks, segmentation do so in their entry point) and applications may register more.
 * Registering an id again with a different spec throws; with an identical spec is a no-op.
 *
 * ## Example
 * ```ts
 * const registry = new ModelRegistry();
 * registry.register({ ...modelRegistry.get('sinet-320')!, id: 'my-sinet', file: 'my-sinet.onnx', sha256: undefined });
 * await openModel('my-sinet', { registry, modelDirs: ['/models'] });
 * ```
 */
export class ModelRegistry {
  readonly #specs = new Map<string, ModelSpec>();

  constructor(specs: readonly ModelSpec[] = []) {
    for (const s of specs) this.register(s);
  }

  /** @throws {Error} when `spec.id` is registered with a different spec. */
  register(spec: ModelSpec): void {
    const prev = this.#specs.get(spec.id);
    if (prev && JSON.stringify(prev) !== JSON.stringify(spec)) throw new Error(`Model id "${spec.id}" is already registered with a different spec`);
    this.#specs.set(spec.id, spec);
  }

  /** The spec for `id`, or `undefined`. */
  get(id: string): ModelSpec | undefined {
    return this.#specs.get(id);
  }

  /** The spec whose file name is `file` (lets an explicit path pick up its input spec). */
  findByFile(file: string): ModelSpec | undefined {
    for (const s of this.#specs.values()) if (s.file === file) return s;
    return undefined;
  }

  /** All specs, in registration order. */
  list(): ModelSpec[] {
    return [...this.#specs.values()];
  }
}

/** The process-wide registry; stage packages fill it from their entry points (see {@link registerModel}). */
export const modelRegistry = new ModelRegistry();
