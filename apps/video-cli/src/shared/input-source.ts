import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { probeVideo, resolveFfmpeg } from '@facepipe/core';
import { mediaKind } from './media-kind.js';
import { UsageError } from './usage-error.js';

/** Inputs as local paths, and the temporary copies to remove when the run ends. */
export interface InputSources {
  /** The inputs with `-`, `http(s)://` and `file://` replaced by local paths, in the same order. */
  readonly inputs: readonly string[];
  /** Remove the temporary copies (idempotent). */
  dispose(): Promise<void>;
}

/** Where {@link openInputSources} reads from (parameterised for tests). */
export interface InputSourceOptions {
  /** What `-` reads (default `process.stdin`). */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** ffmpeg binary for URLs (default core's `resolveFfmpeg()`). */
  readonly ffmpeg?: string;
  /** Aborting kills a running ffmpeg. */
  readonly signal?: AbortSignal;
}

/** The image container of the first bytes, so an image piped in is run as an image. */
function sniffImageExtension(head: Buffer): string {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return '.jpg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return '.png';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return '.webp';
  return '';
}

/** Copy standard input to `<dir>/stdin[.jpg|.png|.webp]`. */
async function spoolStdin(stdin: NonNullable<InputSourceOptions['stdin']>, dir: string): Promise<string> {
  if (stdin.isTTY) throw new UsageError("'-' reads a video from standard input, but standard input is a terminal: pipe one in (facepipe run - < clip.mp4)");
  const raw = path.join(dir, 'stdin');
  await pipeline(stdin, fs.createWriteStream(raw));
  const fd = await fs.promises.open(raw, 'r');
  const head = Buffer.alloc(12);
  const { bytesRead } = await fd.read(head, 0, 12, 0);
  await fd.close();
  if (bytesRead === 0) throw new UsageError("'-': standard input was empty, expected the bytes of a video or image");
  const ext = sniffImageExtension(head.subarray(0, bytesRead));
  if (!ext) return raw;
  await fs.promises.rename(raw, raw + ext);
  return raw + ext;
}

/** The local file name of a URL input: its last path segment, with a container extension ffmpeg can write. */
function urlFileName(url: URL, index: number): string {
  const base = decodeURIComponent(path.posix.basename(url.pathname)).replace(/[^\w.-]+/g, '_');
  if (base && mediaKind(base)) return base;
  return `${base || `url-${index + 1}`}.mkv`;
}

/** Read `url` with ffmpeg (its own http/https/tls), stream-copied into `file`. */
function copyThroughFfmpeg(ffmpeg: string, url: string, file: string, signal: AbortSignal | undefined): Promise<void> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', url, '-map', '0:v', '-map', '0:a?', '-c', 'copy'];
  if (mediaKind(file) === 'image') args.push('-frames:v', '1', '-update', '1');
  args.push('-y', file);
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(signal ? { signal } : {}) });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    child.on('error', (err) => reject(new Error(`could not read ${url}: ${err.message}`, { cause: err })));
    child.on('close', (code, sig) => {
      if (code === 0) resolve();
      else reject(new Error(`could not read ${url} through ffmpeg (${sig ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-2).join(' | ') || 'no message'}`));
    });
  });
}

/**
 * Turn the CLI's special inputs into local files, so each is probed once and decoded frame-exact
 * like any other file: `-` copies standard input (a finite video, or an image, sniffed by its first
 * bytes) to `<tmp>/stdin`; `http://`/`https://` URLs are read by ffmpeg and stream-copied (no
 * re-encode) to `<tmp>/<n>/<last path segment>`, so outputs are named after the URL's file;
 * `file://` URLs become their paths. Everything else is passed on unchanged.
 *
 * ## Example
 * ```ts
 * const src = await openInputSources(['-', 'https://example.org/clip.mp4', 'local.mp4']);
 * src.inputs; // ['/tmp/facepipe-in-x/stdin', '/tmp/facepipe-in-x/2/clip.mp4', 'local.mp4']
 * await src.dispose();
 * ```
 * @throws {UsageError} for `-` given twice, or with a terminal or empty standard input.
 * @throws {Error} naming the URL and ffmpeg's message when a URL cannot be read.
 */
export async function openInputSources(inputs: readonly string[], options: InputSourceOptions = {}): Promise<InputSources> {
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError("'-' (standard input) can be given only once");
  let tmp: string | undefined;
  const dispose = async (): Promise<void> => {
    if (tmp) await fs.promises.rm(tmp, { recursive: true, force: true });
    tmp = undefined;
  };
  const tmpDir = (): string => (tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-in-')));
  try {
    const out: string[] = [];
    for (const [i, input] of inputs.entries()) {
      if (input === '-') {
        out.push(await spoolStdin(options.stdin ?? process.stdin, tmpDir()));
      } else if (/^https?:\/\//i.test(input)) {
        const url = new URL(input);
        const dir = path.join(tmpDir(), String(i + 1));
        fs.mkdirSync(dir);
        const file = path.join(dir, urlFileName(url, i));
        await copyThroughFfmpeg(options.ffmpeg ?? resolveFfmpeg(), url.href, file, options.signal);
        if (mediaKind(file) !== 'image') {
          // ffmpeg exits 0 on some truncated reads (an MP4 whose index is at the end, from a server
          // that ignores range requests): never hand on a copy that only looks complete
          await probeVideo(file).catch((err: unknown) => {
            throw new Error(`could not read ${url.href}: ffmpeg's copy has no playable video (${(err as Error).message.split('\n')[0]}); the server must answer range requests for such files`, { cause: err });
          });
        }
        out.push(file);
      } else if (/^file:/i.test(input)) {
        out.push(fileURLToPath(new URL(input)));
      } else {
        out.push(input);
      }
    }
    return { inputs: out, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
