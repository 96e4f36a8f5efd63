import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FfmpegNotFoundError } from '../shared/errors.js';

const require = createRequire(import.meta.url);

/** Where {@link resolveBinary} looks (internal; the public resolvers pass `process.env`). */
export interface ResolveBinaryOptions {
  /** Environment to read `FFMPEG_PATH`/`FFPROBE_PATH` and `PATH` from. */
  env?: NodeJS.ProcessEnv;
  /** Look into the npm packages (ffmpeg-static, @ffmpeg-installer/ffmpeg; @ffprobe-installer/ffprobe for ffprobe). Default true. */
  packages?: boolean;
}

/**
 * Check that `file` is a regular file we may execute; give it the exec bit if it lacks one.
 * Returns undefined when usable, else the reason it is not.
 */
function checkExecutable(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (err as Error).message;
  }
  if (!stat.isFile()) return 'is not a file';
  if (process.platform === 'win32') return undefined;
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return undefined;
  } catch {
    // Packages unpacked without their postinstall script ship the binary without the exec bit.
    try {
      fs.chmodSync(file, stat.mode | 0o111);
      fs.accessSync(file, fs.constants.X_OK);
      return undefined;
    } catch (err) {
      return `is not executable and chmod failed (${(err as Error).message})`;
    }
  }
}

/** `require(name)` in a package that exports either the path string or `{ path }`. */
function packageBinary(name: string): { file?: string; reason?: string } {
  try {
    const mod: unknown = require(name);
    const file = typeof mod === 'string' ? mod : mod && typeof (mod as { path?: unknown }).path === 'string' ? (mod as { path: string }).path : undefined;
    return file ? { file } : { reason: 'exports no binary path for this platform' };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return { reason: 'not installed' };
    // @ffmpeg-installer/ffmpeg throws plain strings when its platform package is missing.
    return { reason: typeof err === 'string' ? err : (err as Error).message };
  }
}

/**
 * Find an ffmpeg or ffprobe binary (internal, parameterised for tests). Order: the `*_PATH`
 * variable, ffmpeg-static (ffmpeg only), the @ffmpeg-installer/@ffprobe-installer package, then
 * `PATH`. Every candidate that fails is listed with its reason in the error.
 *
 * @throws {FfmpegNotFoundError} when no candidate is a usable executable.
 */
export function resolveBinary(binary: 'ffmpeg' | 'ffprobe', options: ResolveBinaryOptions = {}): string {
  const env = options.env ?? process.env;
  const tried: string[] = [];
  const accept = (label: string, file: string): boolean => {
    const reason = checkExecutable(file);
    if (reason === undefined) return true;
    tried.push(`${label}: ${file} ${reason}`);
    return false;
  };

  const envName = binary === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  const fromEnv = env[envName];
  if (fromEnv) {
    if (accept(envName, fromEnv)) return fromEnv;
  } else {
    tried.push(`${envName}: not set`);
  }

  if (options.packages !== false) {
    const packages = binary === 'ffmpeg' ? ['ffmpeg-static', '@ffmpeg-installer/ffmpeg'] : ['@ffprobe-installer/ffprobe'];
    for (const name of packages) {
      const { file, reason } = packageBinary(name);
      if (file) {
        if (accept(name, file)) return file;
      } else {
        tried.push(`${name}: ${reason}`);
      }
    }
  }

  const exe = process.platform === 'win32' ? `${binary}.exe` : binary;
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, exe);
    if (fs.existsSync(file) && checkExecutable(file) === undefined) return file;
  }
  tried.push(`PATH: no ${exe} in ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}${dirs.length ? ` (${dirs.join(path.delimiter)})` : ''}`);
  throw new FfmpegNotFoundError(binary, tried);
}

/**
 * Path of the ffmpeg executable facepipe runs. Looks, in order, at `FFMPEG_PATH`, the
 * `ffmpeg-static` package (when its binary exists), `@ffmpeg-installer/ffmpeg`, then `PATH`. A
 * package binary without its exec bit (installed with scripts disabled) is chmod-ed `+x`; when that
 * fails it is skipped with the reason. Not cached: changing `FFMPEG_PATH` takes effect at once.
 *
 * ## Example
 * ```ts
 * resolveFfmpeg(); // '/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg'
 * ```
 * @returns an absolute or PATH-found path to an executable file.
 * @throws {FfmpegNotFoundError} listing every place tried and why it was rejected.
 */
export function resolveFfmpeg(): string {
  return resolveBinary('ffmpeg');
}

/**
 * Path of an ffprobe executable: `FFPROBE_PATH`, `@ffprobe-installer/ffprobe` (when you installed
 * it: not a dependency), then `PATH` (same rules as {@link resolveFfmpeg}). facepipe itself does not
 * use ffprobe: {@link probeVideo} asks the ffmpeg of {@link resolveFfmpeg}, so probing and decoding
 * always use the same build. Kept for callers who run ffprobe themselves.
 *
 * ## Example
 * ```ts
 * resolveFfprobe(); // '/app/node_modules/@ffprobe-installer/linux-x64/ffprobe'
 * ```
 * @throws {FfmpegNotFoundError} listing every place tried and why it was rejected.
 */
export function resolveFfprobe(): string {
  return resolveBinary('ffprobe');
}
