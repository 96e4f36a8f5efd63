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

/** One remembered hash of the on-disk cache: the file's identity when it was hashed. */
interface StoredHash {
  readonly key: string;
  readonly sha256: string;
}

/** Most files the on-disk cache remembers (oldest dropped first). */
const STORED_MAX = 256;

/**
 * The on-disk hash cache: `sha256-cache.json` in {@link modelCacheDir}, path → (size:mtime:inode,
 * sha256). A run verifies every registry model file it opens and identifies the others by content;
 * hashing the four models of all stages took about 100 ms of a 1-frame run's main thread, every run.
 * A file whose size, mtime or inode changed is hashed again (git's index trusts the same stat
 * fields). Read once per process; unreadable or malformed means empty; writes are atomic
 * (temporary file + rename) and a failed write only costs the next process a re-hash.
 * `FACEPIPE_HASH_CACHE=0` turns it off.
 */
let stored: Map<string, StoredHash> | undefined;
const storeFile = (): string => path.join(modelCacheDir(), 'sha256-cache.json');
const storeEnabled = (): boolean => process.env.FACEPIPE_HASH_CACHE !== '0';

function loadStore(): Map<string, StoredHash> {
  if (stored) return stored;
  stored = new Map();
  try {
    const data: unknown = JSON.parse(fs.readFileSync(storeFile(), 'utf8'));
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const [file, v] of Object.entries(data as Record<string, unknown>)) {
        const e = v as Partial<StoredHash> | null;
        if (e && typeof e.key === 'string' && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256)) stored.set(file, { key: e.key, sha256: e.sha256 });
      }
    }
  } catch {
    // no cache yet, or unreadable: start empty
  }
  return stored;
}

function saveStore(file: string, entry: StoredHash): void {
  const map = loadStore();
  map.delete(file);
  map.set(file, entry);
  while (map.size > STORED_MAX) map.delete(map.keys().next().value!);
  const target = storeFile();
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(map)));
    fs.renameSync(tmp, target);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * sha256 of a model file, computed once for a given (path, size, mtime, inode): in this process
 * (callers asking at the same time, a run hashing its models while opening them, share one
 * computation) and across processes through the on-disk cache described above.
 * @internal
 */
export async function cachedSha256(file: string): Promise<string> {
  const abs = path.resolve(file);
  const st = await fs.promises.stat(abs);
  const key = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const hit = hashes.get(abs);
  if (hit && hit.key === key) return hit.sha256;
  const remembered = storeEnabled() ? loadStore().get(abs) : undefined;
  const sha256 = remembered?.key === key ? Promise.resolve(remembered.sha256) : sha256File(abs);
  hashes.set(abs, { key, sha256 });
  if (storeEnabled() && remembered?.key !== key) sha256.then((h) => saveStore(abs, { key, sha256: h }), () => undefined);
  // a failed read is not kept: the next call tries again
  sha256.catch(() => {
    if (hashes.get(abs)?.sha256 === sha256) hashes.delete(abs);
  });
  return sha256;
}

/** Forget this process's copy of the on-disk hash cache (tests). @internal */
export function resetStoredHashes(): void {
  stored = undefined;
  hashes.clear();
}
