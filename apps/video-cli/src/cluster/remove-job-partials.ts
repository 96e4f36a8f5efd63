import fs from 'node:fs';
import path from 'node:path';
import type { OutputPlan } from '../output/output-plan.js';

/** The tag `atomicOutput` puts in a partial name: `.partial-<pid>-<run id>` (see `partialPath`). */
const PARTIAL_TAG = '\\.partial-\\d+-[0-9a-f]+';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Delete the `*.partial-<pid>-<run>` leftovers of one input's outputs (both forms written by
 * `atomicOutput`: `<name>.partial-<pid>-<run>` and `<stem>.partial-<pid>-<run>.<ext>`), whatever process wrote
 * them. Called by a worker when it takes a job: the job's lock says no other worker is writing
 * these outputs, so any partial is from an earlier attempt that died (SIGKILL, power loss), possibly
 * on another machine, where the pid-liveness check of `removeStalePartials` would be meaningless.
 * Returns the removed paths.
 *
 * ## Example
 * ```ts
 * removeJobPartials(plan); // ['/mnt/out/clip.jsonl.partial-4242-9f86d081a3c2']
 * ```
 */
export function removeJobPartials(plan: OutputPlan): string[] {
  const removed: string[] = [];
  const byDir = new Map<string, RegExp[]>();
  for (const final of plan.all) {
    const base = path.basename(final);
    const ext = path.extname(base);
    const stem = ext ? base.slice(0, -ext.length) : base;
    const res = byDir.get(path.dirname(final)) ?? [];
    res.push(new RegExp(`^${escape(base)}${PARTIAL_TAG}$`), new RegExp(`^${escape(stem)}${PARTIAL_TAG}${escape(ext)}$`));
    byDir.set(path.dirname(final), res);
  }
  for (const [dir, res] of byDir) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!res.some((re) => re.test(name))) continue;
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}
