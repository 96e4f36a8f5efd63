import { ModelLoadError } from '@facepipe/core';
import { int8Variant } from './int8-variant.js';

/**
 * The int8 variants of several models at once (every stage of a `--int8` run), so a missing one
 * does not hide the next: each missing model gets one line naming the `facepipe quantize` command
 * that makes it, and a last line the one command that makes them all.
 *
 * ## Example
 * ```ts
 * await int8Variants(['ultraface-rfb-320', 'pfld-ghostone-98']);
 * // Map { 'ultraface-rfb-320' => 'ultraface-rfb-320-int8', 'pfld-ghostone-98' => 'pfld-ghostone-98-int8' }
 * ```
 * @throws {ModelLoadError} listing every model without an int8 file (its `model` is the first of them).
 */
export async function int8Variants(ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const missing: ModelLoadError[] = [];
  for (const id of new Set(ids)) {
    try {
      found.set(id, await int8Variant(id));
    } catch (err) {
      if (!(err instanceof ModelLoadError)) throw err;
      missing.push(err);
    }
  }
  if (missing.length === 1) throw missing[0]!;
  if (missing.length > 1) {
    throw new ModelLoadError(
      `${missing.length} int8 variants are missing:\n${missing.map((e) => `  ${e.message}`).join('\n')}\n` +
        'or make every one in one go: facepipe quantize --all --calib <images-folder|video> (with the same --stages/--detector/--landmarks/--segmenter)',
      missing[0]!.model,
      { cause: missing[0] },
    );
  }
  return found;
}
