import fs from 'node:fs';
import path from 'node:path';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Delete leftovers `*.partial-<pid>*` in `dir` whose writing process is gone (killed runs); the
 * partials of live processes (another run writing into the same folder) are left alone.
 * Returns the removed paths.
 *
 * ## Example
 * ```ts
 * removeStalePartials('facepipe-out'); // ['facepipe-out/clip.jsonl.partial-4242']
 * ```
 */
export function removeStalePartials(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /\.partial-(\d+)(?:\.[^.]+)?$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}
