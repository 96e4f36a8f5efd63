import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import type { Readable } from 'node:stream';
import { resolveFfmpeg } from '../video/resolve-ffmpeg.js';

/** Options of {@link startLoopbackSender}. */
export interface LoopbackSenderOptions {
  /**
   * `tcp`: ffmpeg listens on 127.0.0.1 and serves one reader; `udp`: ffmpeg sends to 127.0.0.1;
   * `rtsp`: ffmpeg pushes (ANNOUNCE/RECORD, interleaved TCP) to an RTSP listener on 127.0.0.1
   * (a `readFrames(url, { live: { listen: true } })`; start it first, see {@link waitForListener});
   * `http`: ffmpeg serves MPEG-TS over HTTP on 127.0.0.1 (`-listen 1`, one client);
   * `pipe`: MPEG-TS on the child's stdout.
   */
  readonly protocol: 'tcp' | 'udp' | 'rtsp' | 'http' | 'pipe';
  /** The video to send in real time (`-re`). */
  readonly clip: string;
  /** Port (tcp/udp); default: a free one. */
  readonly port?: number;
  /** Stop after this many seconds of video. */
  readonly seconds?: number;
  /** Loop the clip forever (`-stream_loop -1`). */
  readonly loop?: boolean;
  /** Width the clip is scaled to before encoding (height follows). Default 320. */
  readonly width?: number;
}

/** A running ffmpeg sender (see {@link startLoopbackSender}). */
export interface LoopbackSender {
  /** What a reader opens: `tcp://127.0.0.1:<port>`, `udp://127.0.0.1:<port>`, or `-`. */
  readonly url: string;
  readonly port: number | undefined;
  readonly child: ChildProcess;
  /** The MPEG-TS bytes (`pipe` only). */
  readonly stdout: Readable | null;
  /** Resolves with the exit code (null when killed) once ffmpeg has exited. */
  readonly exited: Promise<number | null>;
  /** SIGKILL the sender (mid-stream, as a camera that goes away) and wait for it to exit. */
  kill(): Promise<void>;
}

/**
 * A port on 127.0.0.1 that was free a moment ago (bound to port 0 and closed again).
 *
 * ## Example
 * ```ts
 * const port = await freePort('udp'); // e.g. 41873
 * ```
 */
export async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  if (kind === 'udp') {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', () => resolve()));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return port;
  }
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Resolve once something LISTENs on 127.0.0.1:`port` (read from Linux's /proc/net/tcp: a test
 * connection would take the listener's only client slot).
 *
 * ## Example
 * ```ts
 * await waitForListener(8554, 10_000); // an RTSP listener is up; start the sender
 * ```
 * @throws {Error} after `timeoutMs`.
 */
export async function waitForListener(port: number, timeoutMs = 10_000, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!listening(port)) {
    if (!alive() || Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function listening(port: number): boolean {
  const hex = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  try {
    return fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').some((line) => {
      const f = line.trim().split(/\s+/);
      return f[1] === hex && f[3] === '0A';
    });
  } catch {
    return false;
  }
}

/**
 * Test and benchmark support: ffmpeg sends `clip` in real time (`-re`) as H.264 (ultrafast,
 * zerolatency, a keyframe every 15 frames) over loopback only: MPEG-TS as a TCP listener on
 * 127.0.0.1 (resolves once it listens), MPEG-TS to a UDP port on 127.0.0.1 (start the reader
 * first), RTSP pushed to a listening reader on 127.0.0.1, MPEG-TS served over HTTP on 127.0.0.1,
 * or MPEG-TS on its stdout (for `-`
 * readers). Nothing leaves 127.0.0.1.
 *
 * ## Example
 * ```ts
 * const sender = await startLoopbackSender({ protocol: 'tcp', clip: 'clip.mp4', seconds: 3 });
 * readFrames(sender.url, { live: true }).subscribe(...);
 * await sender.kill(); // the stream drops mid-way
 * ```
 */
export async function startLoopbackSender(options: LoopbackSenderOptions): Promise<LoopbackSender> {
  const { protocol, clip } = options;
  const port = protocol === 'pipe' ? undefined : (options.port ?? (await freePort(protocol === 'udp' ? 'udp' : 'tcp')));
  const target = protocol === 'tcp' ? `tcp://127.0.0.1:${port}?listen=1` : protocol === 'udp' ? `udp://127.0.0.1:${port}?pkt_size=1316` : protocol === 'rtsp' ? `rtsp://127.0.0.1:${port}/live` : protocol === 'http' ? `http://127.0.0.1:${port}/live.ts` : 'pipe:1';
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re'];
  if (options.loop) args.push('-stream_loop', '-1');
  args.push('-i', clip);
  if (options.seconds !== undefined) args.push('-t', String(options.seconds));
  args.push('-an', '-vf', `scale=${options.width ?? 320}:-2`, '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15');
  args.push(...(protocol === 'rtsp' ? ['-f', 'rtsp', '-rtsp_transport', 'tcp'] : ['-f', 'mpegts']), ...(protocol === 'http' ? ['-listen', '1'] : []), target);
  const child = spawn(resolveFfmpeg(), args, { stdio: ['ignore', protocol === 'pipe' ? 'pipe' : 'ignore', 'ignore'] });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const sender: LoopbackSender = {
    url: protocol === 'pipe' ? '-' : protocol === 'rtsp' || protocol === 'http' ? target : `${protocol}://127.0.0.1:${port}`,
    port,
    child,
    stdout: child.stdout,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  if (protocol === 'tcp' || protocol === 'http') {
    try {
      await waitForListener(port!, 10_000, () => child.exitCode === null);
    } catch (err) {
      await sender.kill();
      throw err;
    }
  }
  return sender;
}

/** Senders started through one {@link loopbackSenders} group, killed together. */
export interface LoopbackSenderGroup {
  start(options: LoopbackSenderOptions): Promise<LoopbackSender>;
  /** Kill every sender started so far (e.g. in `afterEach`) and wait for them to exit. */
  killAll(): Promise<void>;
}

/**
 * A group of loopback senders for a test file, so none outlives its test.
 *
 * ## Example
 * ```ts
 * const senders = loopbackSenders();
 * afterEach(() => senders.killAll());
 * const s = await senders.start({ protocol: 'tcp', clip });
 * ```
 */
export function loopbackSenders(): LoopbackSenderGroup {
  const started: LoopbackSender[] = [];
  return {
    async start(options) {
      const s = await startLoopbackSender(options);
      started.push(s);
      return s;
    },
    async killAll() {
      await Promise.all(started.splice(0).map((s) => s.kill()));
    },
  };
}
