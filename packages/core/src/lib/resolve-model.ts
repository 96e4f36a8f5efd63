import fs from 'node:fs';
import path from 'node:path';
import { ModelLoadError } from './errors.js';
import { modelRegistry, type ModelRegistry } from './model-registry.js';
import type { ModelSpec } from './model-spec.js';

/** Options of {@link resolveModel}. */
export interface ResolveModelOptions {
  /** Folders to search (default: `FACEPIPE_MODELS`, split on the path delimiter). */
  readonly modelDirs?: readonly string[];
  /** Registry to look ids up in (default: {@link modelRegistry}). */
  readonly registry?: ModelRegistry;
}

/** Where a model was found. */
export interface ResolvedModel {
  readonly path: string;
  readonly spec: ModelSpec | undefined;
  readonly from: 'path' | 'models-dir' | 'cache' | 'download';
}

/** Folders listed in `FACEPIPE_MODELS`. */
export function modelDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.FACEPIPE_MODELS ?? '').split(path.delimiter).filter(Boolean);
}

/**
 * Find a model file: an explicit path, else a registry id looked up in the `FACEPIPE_MODELS` folders
 * (as `<dir>/<file>` or `<dir>/<folder>/<file>`).
 *
 * @throws {ModelLoadError} naming the file, every place looked, and how to fix it.
 */
export async function resolveModel(idOrPath: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const registry = options.registry ?? modelRegistry;
  const spec = registry.get(idOrPath);
  if (!spec) {
    const abs = path.resolve(idOrPath);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return { path: abs, spec: registry.findByFile(path.basename(abs)), from: 'path' };
    throw new ModelLoadError(
      `Model "${idOrPath}" is neither a file (${abs} does not exist) nor a known model id (known: ${registry.list().map((s) => s.id).join(', ')})`,
      idOrPath,
    );
  }
  const tried: string[] = [];
  for (const dir of options.modelDirs ?? modelDirsFromEnv()) {
    for (const candidate of [path.join(dir, spec.file), ...(spec.folder ? [path.join(dir, spec.folder, spec.file)] : [])]) {
      tried.push(candidate);
      if (fs.existsSync(candidate)) return { path: path.resolve(candidate), spec, from: 'models-dir' };
    }
  }
  throw new ModelLoadError(
    `Model ${spec.id} (${spec.file}) not found. Looked in:\n  - ${tried.join('\n  - ') || '(no FACEPIPE_MODELS folders set)'}\n` +
      `Fix: pass the file path, or set FACEPIPE_MODELS to a folder holding ${spec.file}.`,
    spec.id,
  );
}
