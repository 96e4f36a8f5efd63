import fs from 'node:fs';
import path from 'node:path';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS } from '../../shared/media-kind.js';
import { UsageError } from '../../shared/usage-error.js';

/** A tracking ground-truth sequence: its MOTChallenge gt.txt and the frames it annotates. */
export interface TrackSequence {
  /** The gt.txt file. */
  readonly gt: string;
  /** A video file, or a folder of frame images (MOTChallenge `img1/`, read in name order). */
  readonly frames: { readonly kind: 'video'; readonly path: string } | { readonly kind: 'images'; readonly path: string; readonly files: readonly string[] };
}

const videosIn = (dir: string): string[] =>
  fs.existsSync(dir) && fs.statSync(dir).isDirectory()
    ? fs.readdirSync(dir).filter((f) => VIDEO_EXTENSIONS.includes(path.extname(f).toLowerCase())).sort().map((f) => path.join(dir, f))
    : [];

/**
 * Resolve `--data` of `facepipe eval track`: a sequence folder (`gt/gt.txt` or `gt.txt`, with one
 * video file or an `img1/` folder of frames beside it, as MOTChallenge lays it out) or a gt.txt
 * file (the video is looked for in its folder and, for `<seq>/gt/gt.txt`, in `<seq>/`). `video`
 * (the `--video` option) overrides the lookup.
 *
 * ## Example
 * ```ts
 * findTrackSequence('clips/pan'); // { gt: '/…/clips/pan/gt/gt.txt', frames: { kind: 'video', path: '/…/clips/pan/clip.mp4' } }
 * ```
 * @throws {UsageError} when the ground truth or the frames cannot be found, or the video lookup is ambiguous.
 */
export function findTrackSequence(data: string, video?: string): TrackSequence {
  const abs = path.resolve(data);
  if (!fs.existsSync(abs)) throw new UsageError(`--data not found: ${data}`);
  let gt = abs;
  let seq = path.dirname(abs);
  if (fs.statSync(abs).isDirectory()) {
    gt = [path.join(abs, 'gt', 'gt.txt'), path.join(abs, 'gt.txt')].find((f) => fs.existsSync(f)) ?? '';
    if (!gt) throw new UsageError(`--data ${data} is a folder without gt/gt.txt or gt.txt (MOTChallenge ground truth)`);
    seq = abs;
  } else if (path.basename(seq) === 'gt') seq = path.dirname(seq);
  if (video !== undefined) {
    const v = path.resolve(video);
    if (!fs.existsSync(v)) throw new UsageError(`--video not found: ${video}`);
    return { gt, frames: { kind: 'video', path: v } };
  }
  const candidates = [...new Set([...videosIn(seq), ...videosIn(path.dirname(gt))])];
  if (candidates.length > 1) throw new UsageError(`--data ${data}: several videos (${candidates.map((c) => path.basename(c)).join(', ')}); choose one with --video`);
  if (candidates.length === 1) return { gt, frames: { kind: 'video', path: candidates[0]! } };
  const img = path.join(seq, 'img1');
  if (fs.existsSync(img)) {
    const files = fs.readdirSync(img).filter((f) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase())).sort().map((f) => path.join(img, f));
    if (files.length > 0) return { gt, frames: { kind: 'images', path: img, files } };
  }
  throw new UsageError(`--data ${data}: no video or img1/ frames found beside ${path.relative(process.cwd(), gt) || gt}; give the video with --video`);
}
