import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throw-away Redis server on a free loopback port, with AOF persistence in its own temp folder. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Shut it down (SIGTERM: Redis flushes the AOF) and wait for the exit. */
  stop(): Promise<void>;
  /** Start it again on the same port and folder (the AOF brings the data back). */
  start(): Promise<void>;
  /** Stop and delete its folder. */
  dispose(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly yes --dir <tmp>` (plus
 * `extraArgs`, e.g. `['--requirepass', 'pw']`) and wait until it accepts connections. Never a fixed
 * port, never a remote host.
 */
export async function startTestRedis(extraArgs: readonly string[] = []): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error('redis-server is not on PATH: install it (Debian: apt-get install -y redis-server; .ci/run does this)');
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-redis-'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server on port ${port} not ready after 10 s:\n${log}`)), 10_000);
      c.stdout!.setEncoding('utf8').on('data', (d: string) => {
        log += d;
        if (/Ready to accept connections/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`));
      });
    });
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async dispose() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
