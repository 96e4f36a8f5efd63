import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../shared/usage-error.js';

/**
 * The absolute path of a `--data` argument that must exist.
 *
 * ## Example
 * ```ts
 * existingData('shared/data/landmarks/menpo'); // '/work/shared/data/landmarks/menpo'
 * ```
 * @throws {UsageError} when it does not exist.
 */
export function existingData(p: string): string {
  const abs = path.resolve(p);
  if (!fs.existsSync(abs)) throw new UsageError(`--data not found: ${p}`);
  return abs;
}

/**
 * A data file, or the conventional file inside a data folder (`annotations.json`, `index.json`).
 *
 * ## Example
 * ```ts
 * dataFile('shared/data/segmentation/hsd', 'index.json'); // '/work/shared/data/segmentation/hsd/index.json'
 * ```
 * @throws {UsageError} when the path does not exist or the folder lacks `name`.
 */
export function dataFile(p: string, name: 'annotations.json' | 'index.json'): string {
  const abs = existingData(p);
  if (!fs.statSync(abs).isDirectory()) return abs;
  const inner = path.join(abs, name);
  if (!fs.existsSync(inner)) throw new UsageError(`--data ${p} is a folder without ${name}`);
  return inner;
}
