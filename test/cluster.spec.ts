import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, decodeCount, driving, hamilton, makeClip, runCli, runCliSync, tempDir, type CliResult } from './helpers.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

/** TCP/UDP sockets a process holds, from /proc: how many listen (or are bound UDP), and the remote ports of its connections. */
function socketsOf(pid: number): { listening: number; remotePorts: number[] } {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let link = '';
    try {
      link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) inodes.add(m[1]!);
  }
  let listening = 0;
  const remotePorts: number[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const file = `/proc/net/${table}`;
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (!inodes.has(cols[9]!)) continue;
      if (table.startsWith('udp') || cols[3] === '0A') listening++;
      else if (cols[3] === '01') remotePorts.push(parseInt(cols[2]!.split(':')[1]!, 16));
    }
  }
  return { listening, remotePorts };
}

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A partial output of `pid` in `dir` that already holds data (the job is mid-way). */
const partialWithData = (dir: string, pid: number): boolean =>
  fs.existsSync(dir) && fs.readdirSync(dir).some((n) => n.includes(`.partial-${pid}`) && fs.statSync(path.join(dir, n)).size > 0);

const doneLines = (r: CliResult): string[] => [...r.stderr.matchAll(/: done (\S+):/g)].map((m) => path.basename(m[1]!));

describe('facepipe submit / worker / status (BullMQ on a real Redis)', () => {
  let redis: TestRedis;
  let dir: string;
  let clips: string;
  let reference: string;
  const good = ['a-driving', 'b-driving', 'c-hamilton', 'd-hamilton', 'e-hamilton'];
  const status = (queue: string): { code: number | null; snapshot: any } => {
    const r = runCliSync(['status', '--redis', redis.url, '--queue', queue, '--json']);
    return { code: r.code, snapshot: JSON.parse(r.stdout) };
  };
  const submit = (queue: string, inputs: string[], out: string, extra: string[] = []): any => {
    const r = runCliSync(['submit', ...inputs, '--out', out, '--redis', redis.url, '--queue', queue, '--stages', 'detect', '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const worker = (queue: string, extra: string[] = []) => runCli(['worker', '--redis', redis.url, '--queue', queue, ...extra]);
  const expectSameAsRun = (out: string, names: string[]): void => {
    expect(fs.readdirSync(out).sort()).toEqual(names.flatMap((n) => [`${n}.facepipe.json`, `${n}.jsonl`]).sort());
    for (const n of names) {
      expect(fs.readFileSync(path.join(out, `${n}.jsonl`)).equals(fs.readFileSync(path.join(reference, `${n}.jsonl`))), `${n}.jsonl differs from run`).toBe(true);
      // the same run record as `facepipe run` writes (so --skip-existing means the same in both)
      const record = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, `${n}.facepipe.json`), 'utf8')) as { settings: unknown; models: unknown; frames: number };
      const [w, r] = [record(out), record(reference)];
      expect({ settings: w.settings, models: w.models, frames: w.frames }, `${n}.facepipe.json`).toEqual({ settings: r.settings, models: r.models, frames: r.frames });
    }
  };

  beforeAll(async () => {
    assertCliBuilt();
    redis = await startTestRedis();
    dir = tempDir('cluster');
    clips = path.join(dir, 'clips');
    fs.mkdirSync(clips);
    makeClip(driving, path.join(clips, 'a-driving.mp4'), 0.8);
    makeClip(driving, path.join(clips, 'b-driving.mp4'), 0.8, 3);
    makeClip(hamilton, path.join(clips, 'c-hamilton.mp4'), 0.8, 1);
    makeClip(hamilton, path.join(clips, 'd-hamilton.mp4'), 0.8, 5);
    makeClip(hamilton, path.join(clips, 'e-hamilton.mp4'), 2.5, 2);
    // a truncated copy: the mp4 index (moov) is at the end, so the decoder rejects it
    const whole = fs.readFileSync(path.join(clips, 'a-driving.mp4'));
    fs.writeFileSync(path.join(clips, 'f-bad.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
    makeClip(hamilton, path.join(dir, 'g-long.mp4'), 6, 1); // not part of the batch: the SIGTERM test stops it half-way
    reference = path.join(dir, 'reference');
    const r = runCliSync(['run', clips, '--out', reference, '--stages', 'detect', '--json', '-q']);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).done).toBe(5);
  });
  afterAll(async () => {
    await redis?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two workers, six inputs: five complete byte-identical to run, the corrupt one fails at once with its reason; a second submit adds nothing; workers listen on nothing', async () => {
    const out = path.join(dir, 'out1');
    const first = submit('q1', [clips], out);
    expect([first.added, first.existing]).toEqual([6, 0]);
    const again = submit('q1', [clips], out);
    expect([again.added, again.existing]).toEqual([0, 6]);
    expect(again.jobs.map((j: any) => j.id)).toEqual(first.jobs.map((j: any) => j.id));

    const w = [worker('q1', ['--exit-when-idle']), worker('q1', ['--exit-when-idle'])];
    const watch = runCli(['status', '--redis', redis.url, '--queue', 'q1', '--watch', '--interval', '250']);
    // once both are connected to Redis: no socket of theirs listens (TCP LISTEN or bound UDP)
    await until(() => w.every(({ child }) => child.exitCode !== null || socketsOf(child.pid!).remotePorts.includes(redis.port)), 'workers connected to redis');
    for (const { child } of w) if (child.exitCode === null) expect(socketsOf(child.pid!).listening).toBe(0);
    const results = await Promise.all(w.map((x) => x.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const done = results.flatMap(doneLines).sort();
    console.log(`jobs per worker: ${results.map((r) => doneLines(r).length).join(' + ')}`);
    expect(done).toEqual(good.map((n) => `${n}.mp4`));

    const s = status('q1');
    expect(s.code).toBe(1); // a job failed
    expect(s.snapshot.counts).toEqual({ waiting: 0, active: 0, completed: 5, failed: 1, delayed: 0 });
    expect(s.snapshot.failed).toHaveLength(1);
    expect(path.basename(s.snapshot.failed[0].input)).toBe('f-bad.mp4');
    expect(s.snapshot.failed[0].reason).toMatch(/^DecoderError: .*f-bad\.mp4.*moov atom not found/);
    expect(s.snapshot.failed[0].attempts).toBe(1); // permanent: no retry
    const frames = good.reduce((a, n) => a + decodeCount(path.join(clips, `${n}.mp4`)).frames, 0);
    expect(s.snapshot.frames).toBe(frames);
    expect(s.snapshot.fps).toBeGreaterThan(0);
    expectSameAsRun(out, good);
    // --watch redrew while the batch ran and stopped by itself once the queue was idle
    const watched = await watch.done;
    expect(watched.code).toBe(1);
    const blocks = watched.stderr.split(/^(?=queue q1: )/m).filter(Boolean);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.at(-1)).toMatch(/^queue q1: 0 waiting, 0 active, 5 completed, 1 failed, 0 delayed\noverall #{24} 6\/6 files \d+ frames [\d.]+ fps elapsed \S+ ETA 0ms\nfailed: .*f-bad\.mp4: DecoderError: /);
  });

  it('SIGKILL of a worker mid-job: the other takes its job over once the lock expires; one set of outputs, no partials', async () => {
    const out = path.join(dir, 'out2');
    const names = ['e-hamilton', 'c-hamilton'];
    submit('q2', names.map((n) => path.join(clips, `${n}.mp4`)), out);
    const a = worker('q2', ['--lock', '2000']);
    // kill A in the middle of the long input (it may have finished the short one before)
    const longPartial = (): boolean => fs.existsSync(out) && fs.readdirSync(out).some((n) => n.startsWith(`e-hamilton.jsonl.partial-${a.child.pid}`) && fs.statSync(path.join(out, n)).size > 0);
    await until(longPartial, 'worker A mid-way through e-hamilton.mp4');
    const b = worker('q2', ['--lock', '2000', '--exit-when-idle']);
    a.child.kill('SIGKILL');
    const ra = await a.done;
    expect(ra.signal).toBe('SIGKILL');
    const rb = await b.done;
    expect(rb.code, rb.stderr).toBe(0);
    expect(doneLines(ra)).not.toContain('e-hamilton.mp4');
    expect(doneLines(rb), rb.stderr).toContain('e-hamilton.mp4');
    expect([...doneLines(ra), ...doneLines(rb)].sort()).toEqual(['c-hamilton.mp4', 'e-hamilton.mp4']);
    expect(rb.stderr).toMatch(/removed 1 partial output\(s\) of an earlier attempt of .*e-hamilton\.mp4/);
    expectSameAsRun(out, names);
    const s = status('q2');
    expect(s.code).toBe(0);
    expect(s.snapshot.counts).toEqual({ waiting: 0, active: 0, completed: 2, failed: 0, delayed: 0 });
  });

  it('Redis stopped and restarted mid-batch (AOF on): the workers reconnect and the batch finishes', async () => {
    const out = path.join(dir, 'out3');
    submit('q3', [clips], out);
    const w = [worker('q3', ['--exit-when-idle', '--concurrency', '2']), worker('q3', ['--exit-when-idle'])];
    await until(() => fs.existsSync(out) && fs.readdirSync(out).some((n) => n.endsWith('.jsonl')), 'a first completed input');
    const finishedBefore = fs.readdirSync(out).filter((n) => n.endsWith('.jsonl')).length;
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    const results = await Promise.all(w.map((x) => x.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(results.map((r) => r.stderr).join('\n')).toMatch(/redis: .*(ECONNREFUSED|Connection is closed|ECONNRESET)/);
    expect(finishedBefore, 'Redis went away mid-batch').toBeLessThan(5);
    const s = status('q3');
    expect(s.snapshot.counts).toEqual({ waiting: 0, active: 0, completed: 5, failed: 1, delayed: 0 });
    expectSameAsRun(out, good);
  });

  it('a transient error (the output folder turned into a file) is retried with backoff, a bounded number of times', async () => {
    const out = path.join(dir, 'out5');
    submit('q5', [path.join(clips, 'a-driving.mp4')], out, ['--attempts', '2', '--backoff', '300']);
    fs.rmSync(out, { recursive: true });
    fs.writeFileSync(out, 'not a folder');
    const r = await worker('q5', ['--exit-when-idle']).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/error, will retry \(attempt 1 of 2\)/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/failed after 2 attempt\(s\) .*a-driving\.mp4: .*(EEXIST|ENOTDIR)/);
    const s = status('q5');
    expect(s.snapshot.counts).toMatchObject({ completed: 0, failed: 1 });
    expect(s.snapshot.failed[0].attempts).toBe(2);
    expect(s.snapshot.failed[0].reason).toMatch(/EEXIST|ENOTDIR/);
  });

  it('password URLs work against a Redis with requirepass; a wrong password is a clear error that never echoes it', async () => {
    const locked = await startTestRedis(['--requirepass', 'p@ss w:rd']);
    try {
      const url = `redis://:${encodeURIComponent('p@ss w:rd')}@127.0.0.1:${locked.port}`;
      const ok = runCliSync(['submit', path.join(clips, 'a-driving.mp4'), '--out', path.join(dir, 'out6'), '--redis', url, '--stages', 'detect', '--json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).added).toBe(1);
      const st = runCliSync(['status', '--redis', url, '--json']);
      expect(JSON.parse(st.stdout).counts.waiting).toBe(1);
      const bad = runCliSync(['status', '--redis', `redis://:wrong-secret@127.0.0.1:${locked.port}`]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/WRONGPASS|NOAUTH|invalid (username-)?password/i);
      expect(bad.stderr).not.toMatch(/wrong-secret/);
    } finally {
      await locked.dispose();
    }
  });

  it('SIGTERM mid-job: the worker hands the job back (waiting again), removes its partials and exits 130', async () => {
    const out = path.join(dir, 'out4');
    const long = path.join(dir, 'g-long.mp4');
    submit('q4', [long], out);
    const w = worker('q4');
    await until(() => partialWithData(out, w.child.pid!), 'worker mid-job');
    // the job reports frames done / expected while it runs
    let active: any;
    for (let i = 0; i < 5 && !(active?.frames > 0); i++) active = status('q4').snapshot.active[0];
    expect(active).toMatchObject({ input: long, expected: decodeCount(long).frames, attempt: 1 });
    expect(active.frames).toBeGreaterThan(0);
    w.child.kill('SIGTERM');
    const r = await w.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/handed back .*g-long\.mp4 \(SIGTERM\)/);
    expect(fs.readdirSync(out)).toEqual([]);
    const s = status('q4');
    expect(s.snapshot.counts).toEqual({ waiting: 1, active: 0, completed: 0, failed: 0, delayed: 0 });
  });
});
