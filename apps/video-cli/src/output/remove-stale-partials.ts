import fs from 'node:fs';
import path from 'node:path';
import { RUN_ID } from './atomic-output.js';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `<name>.partial-<pid>[-<run>][.<ext>]`: the pid and run id of a partial name. */
const PARTIAL = /\.partial-(\d+)(?:-([0-9a-f]+))?(?:\.[^.]+)?$/;

/**
 * Delete leftovers `*.partial-<pid>-<run>*` in `dir` of runs that are over: those whose process is
 * gone (killed runs), and those carrying this process's PID but another run id (a killed run whose
 * PID this process got again, the normal case for PID 1 in a container). The partials of other
 * live processes (another run writing into the same folder) are left alone. Returns the removed
 * paths.
 *
 * ## Example
 * ```ts
 * removeStalePartials('facepipe-out'); // ['facepipe-out/clip.jsonl.partial-4242-9f86d081a3c2']
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
    const m = PARTIAL.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid ? m[2] === RUN_ID : pidAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}
