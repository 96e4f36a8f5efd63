import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256File } from './sha256-file.js';

/**
 * The user cache folder models are downloaded to: `$XDG_CACHE_HOME/facepipe`, else
 * `~/.cache/facepipe`. Not created here.
 *
 * ## Example
 * ```ts
 * modelCacheDir({ XDG_CACHE_HOME: '/tmp/c' }); // '/tmp/c/facepipe'
 * ```
 */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'facepipe');
}

/** sha256 of files hashed (or being hashed) in this process, keyed by path + size + mtime. */
const hashes = new Map<string, { key: string; sha256: Promise<string> }>();

/**
 * sha256 of a model file, computed once per process for a given (path, size, mtime): hashing a
 * 4 MB model costs ~10 ms, so repeated opens of the same file should not pay it again, and callers
 * asking at the same time (a run hashing its models while opening them) share one computation.
 * @internal
 */
export async function cachedSha256(file: string): Promise<string> {
  const abs = path.resolve(file);
  const st = await fs.promises.stat(abs);
  const key = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const hit = hashes.get(abs);
  if (hit && hit.key === key) return hit.sha256;
  const sha256 = sha256File(abs);
  hashes.set(abs, { key, sha256 });
  // a failed read is not kept: the next call tries again
  sha256.catch(() => {
    if (hashes.get(abs)?.sha256 === sha256) hashes.delete(abs);
  });
  return sha256;
}
