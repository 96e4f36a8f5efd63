import path from 'node:path';

/** File extensions (lower case, with dot) treated as videos. */
export const VIDEO_EXTENSIONS: readonly string[] = ['.mp4', '.mov', '.m4v', '.mkv', '.avi', '.webm', '.mpg', '.mpeg', '.ts', '.flv', '.wmv', '.3gp'];
/** File extensions (lower case, with dot) treated as still images. */
export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif', '.bmp'];

/**
 * Classify a path by extension: `'image'`, `'video'`, or `undefined` for anything else.
 *
 * ## Example
 * ```ts
 * mediaKind('a/b.MP4'); // 'video'
 * mediaKind('x.txt');   // undefined
 * ```
 */
export function mediaKind(file: string): 'image' | 'video' | undefined {
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(ext)) return 'image';
  if (VIDEO_EXTENSIONS.includes(ext)) return 'video';
  return undefined;
}
