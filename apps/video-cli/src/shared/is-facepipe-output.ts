/**
 * True for names facepipe itself writes into an output folder, which input discovery skips so a
 * rerun over a tree (or with `--out` equal to an input folder) never takes earlier outputs as
 * inputs: `<stem>.annotated.<ext>`, `<stem>.mask.png`, the `<stem>.masks/` and `<stem>.thumbs/`
 * (`--report` track thumbnails) folders and every
 * unfinished `*.partial-<pid>…` file or folder. (A JSONL or `.facepipe.json` record is no media
 * file, so discovery skips it anyway.)
 *
 * ## Example
 * ```ts
 * isFacepipeOutput('clip.annotated.mp4', false); // true
 * isFacepipeOutput('clip.masks', true);          // true
 * isFacepipeOutput('clip.mp4', false);           // false
 * ```
 */
export function isFacepipeOutput(name: string, isDirectory: boolean): boolean {
  if (/\.partial-\d+/.test(name)) return true;
  if (isDirectory) return name.endsWith('.masks') || name.endsWith('.thumbs');
  return /\.annotated\.[^.]+$/i.test(name) || /\.mask\.png$/i.test(name);
}
