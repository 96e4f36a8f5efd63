import fs from 'node:fs';
import path from 'node:path';
import { cropImage, resizeImage, writeImage, type Frame, type ImageData8 } from '@facepipe/core';

/** Longest side of a thumbnail in pixels. */
export const THUMB_SIZE = 96;

/** Collects one face crop per track while a run goes, and writes them as small JPEGs at the end. */
export interface TrackThumbnails {
  /** Look at a processed frame; keeps a copy of each track's face when its score beats the best so far. */
  observe(frame: Frame): void;
  /** Write `<dir>/<id>.jpg` for every track seen (the folder is emptied first); resolves to the files. */
  write(): Promise<string[]>;
}

/**
 * The thumbnail folder of a JSONL output: `<out>/<stem>.thumbs` beside `<out>/<stem>.jsonl`.
 *
 * ## Example
 * ```ts
 * thumbnailDir('out/clip.jsonl'); // 'out/clip.thumbs'
 * ```
 */
export function thumbnailDir(jsonl: string): string {
  return jsonl.replace(/\.jsonl$/i, '') + '.thumbs';
}

/**
 * Track thumbnails for `facepipe run --report`: for every track id, the face from the frame where
 * the track's detection score was best, cropped as a square around the box (1.2x its longer side,
 * edge pixels repeated outside the frame) and scaled to at most {@link THUMB_SIZE} px. Crops are
 * copied when taken, so frames may be released right after `observe`.
 *
 * ## Example
 * ```ts
 * const thumbs = createTrackThumbnails('out/clip.thumbs');
 * frames$.pipe(tap((f) => thumbs.observe(f)));
 * await thumbs.write(); // ['out/clip.thumbs/1.jpg', 'out/clip.thumbs/2.jpg']
 * ```
 * @param dir Folder to write into (created on `write`).
 */
export function createTrackThumbnails(dir: string): TrackThumbnails {
  const best = new Map<number, { score: number; crop: ImageData8 }>();
  return {
    observe(frame) {
      const faces = frame.results.faces;
      if (!faces) return;
      for (const face of faces) {
        if (face.id === undefined) continue;
        const prev = best.get(face.id);
        if (prev && prev.score >= face.score) continue;
        const [x1, y1, x2, y2] = face.box;
        const side = Math.max(2, Math.round(Math.max(x2 - x1, y2 - y1) * 1.2));
        const rect = { x: Math.round((x1 + x2) / 2 - side / 2), y: Math.round((y1 + y2) / 2 - side / 2), width: side, height: side };
        best.set(face.id, { score: face.score, crop: cropImage(frame, rect, { fill: 'edge' }) });
      }
    },
    async write() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (best.size === 0) return [];
      fs.mkdirSync(dir, { recursive: true });
      const files: string[] = [];
      for (const [id, { crop }] of [...best].sort((a, b) => a[0] - b[0])) {
        const small = crop.width > THUMB_SIZE ? resizeImage(crop, THUMB_SIZE, THUMB_SIZE) : crop;
        const file = path.join(dir, `${id}.jpg`);
        await writeImage(small, file, { quality: 80 });
        files.push(file);
      }
      return files;
    },
  };
}
