import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, cliEnv, cliPath, hamilton, killWhen, makeClip, readJsonl, repoRoot, runCli, runCliSync, shared, tempDir, type CliResult } from './helpers.js';

/** Reliability items 2, 3, 4 and 5: what a rerun, a killed run or a concurrent run leaves in `--out`. */
describe('output integrity across runs', () => {
  let dir: string;
  let clip: string;
  beforeAll(() => {
    assertCliBuilt();
    dir = tempDir('integrity');
    clip = path.join(dir, 'clip.mp4');
    makeClip(hamilton, clip, 1.2, 2);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pngs = (folder: string): string[] => fs.readdirSync(folder).filter((n) => n.endsWith('.png')).sort();

  it('item 2: a stale partial carrying the current PID (killed run, PID reused) is removed, never reused', async () => {
    const out = path.join(dir, 'out-pid');
    const args = ['run', clip, '--out', out, '--stages', 'segment', '--masks', '--workers', '0'];
    const { child, done } = runCli(args);
    // killed once its partial masks folder holds 10 PNGs
    const partialMasks = (): number => {
      const partial = (fs.existsSync(out) ? fs.readdirSync(out) : []).find((n) => n.startsWith('clip.masks.partial-'));
      return partial ? pngs(path.join(out, partial)).length : 0;
    };
    await killWhen(child, () => partialMasks() >= 10, 'SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const left = fs.readdirSync(out).filter((n) => n.includes(`.partial-${child.pid}`));
    expect(left.length).toBeGreaterThan(0);
    // the rerun gets the dead run's PID: a wrapper renames the partials to its own PID, then runs the CLI in-process
    const wrapper = path.join(dir, 'same-pid.mjs');
    fs.writeFileSync(
      wrapper,
      `import fs from 'node:fs';
import path from 'node:path';
const [out, deadPid, cli, ...args] = process.argv.slice(2);
for (const n of fs.readdirSync(out)) if (n.includes('.partial-' + deadPid)) fs.renameSync(path.join(out, n), path.join(out, n.replace('.partial-' + deadPid, '.partial-' + process.pid)));
process.argv = [process.argv[0], cli, ...args];
await import(cli);
`,
    );
    const r = spawnSync(process.execPath, [wrapper, out, String(child.pid), cliPath, ...args, '--max-frames', '4', '--json'], { env: cliEnv(), encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readJsonl(path.join(out, 'clip.jsonl'))).toHaveLength(4);
    expect(pngs(path.join(out, 'clip.masks'))).toEqual(['000000.png', '000001.png', '000002.png', '000003.png']);
    expect(fs.readdirSync(out).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('item 3: reruns never take earlier outputs as inputs (-r . with ./facepipe-out inside, --out equal to the input folder)', () => {
    const root = path.join(dir, 'tree');
    fs.mkdirSync(path.join(root, 'clips'), { recursive: true });
    fs.copyFileSync(clip, path.join(root, 'clips', 'a.mp4'));
    fs.copyFileSync(path.join(shared, 'data/photos/fr_biden.jpg'), path.join(root, 'p.jpg'));
    const args = ['--stages', 'detect,segment', '--annotate', '--masks', '--max-frames', '2', '--workers', '0', '--json'];
    const inputsOf = (r: CliResult): string[] => JSON.parse(r.stdout).files.map((f: { input: string }) => path.relative(root, f.input));
    for (let round = 0; round < 2; round++) {
      const r = runCliSync(['run', '-r', '.', ...args], { cwd: root });
      expect(r.code, r.stderr).toBe(0);
      expect(inputsOf(r)).toEqual(['clips/a.mp4', 'p.jpg']);
    }
    expect(fs.readdirSync(path.join(root, 'facepipe-out')).sort()).toEqual(['a.annotated.mp4', 'a.facepipe.json', 'a.jsonl', 'a.masks', 'p.annotated.png', 'p.facepipe.json', 'p.jsonl', 'p.mask.png']);
    for (let round = 0; round < 2; round++) {
      const r = runCliSync(['run', 'clips', '--out', 'clips', ...args], { cwd: root });
      expect(r.code, r.stderr).toBe(0);
      expect(inputsOf(r)).toEqual(['clips/a.mp4']);
    }
    expect(fs.readdirSync(path.join(root, 'clips')).sort()).toEqual(['a.annotated.mp4', 'a.facepipe.json', 'a.jsonl', 'a.masks', 'a.mp4']);
  });

  it('item 4: --skip-existing keeps an output only when what produced it matches, and says why it re-does one', () => {
    const out = path.join(dir, 'out-skip');
    const quick = runCliSync(['run', clip, '--out', out, '--stages', 'detect', '--max-frames', '3', '--workers', '0']);
    expect(quick.code, quick.stderr).toBe(0);
    expect(readJsonl(path.join(out, 'clip.jsonl'))).toHaveLength(3);

    const full = ['run', clip, '--out', out, '--stages', 'detect,landmarks', '--workers', '0', '--skip-existing', '--json'];
    const r1 = runCliSync(full);
    expect(r1.code, r1.stderr).toBe(0);
    expect(JSON.parse(r1.stdout).files[0].status).toBe('done');
    expect(r1.stderr).toMatch(/re-doing .*clip\.mp4: .*stages detect -> detect,landmarks/);
    const lines = readJsonl(path.join(out, 'clip.jsonl'));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((l) => l.faces.some((f: { landmarks?: unknown }) => f.landmarks))).toBe(true);

    const r2 = runCliSync(full);
    expect(JSON.parse(r2.stdout).files[0].status).toBe('skipped');

    // a changed input is re-done, and so is a JSONL that lost lines
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(clip, t, t);
    const r3 = runCliSync(full);
    expect(JSON.parse(r3.stdout).files[0].status).toBe('done');
    expect(r3.stderr).toMatch(/re-doing .*clip\.mp4: the input changed/);
    fs.writeFileSync(path.join(out, 'clip.jsonl'), fs.readFileSync(path.join(out, 'clip.jsonl'), 'utf8').split('\n').slice(0, 5).join('\n') + '\n');
    const r4 = runCliSync(full);
    expect(JSON.parse(r4.stdout).files[0].status).toBe('done');
    expect(r4.stderr).toMatch(/re-doing .*clip\.mp4: .*clip\.jsonl has 5 lines, \d+ recorded/);
    expect(readJsonl(path.join(out, 'clip.jsonl'))).toHaveLength(lines.length);
  });

  it('item 5: two concurrent runs into the same --out never fail each other (masks folders committed in a loop)', async () => {
    const inputs = path.join(dir, 'many');
    fs.mkdirSync(inputs);
    const short = path.join(dir, 'short.mp4');
    makeClip(hamilton, short, 0.15, 4);
    for (let i = 0; i < 3; i++) fs.copyFileSync(short, path.join(inputs, `c${i}.mp4`));
    const out = path.join(dir, 'out-race');
    const run = (): Promise<CliResult> => {
      const child = spawn(process.execPath, [cliPath, 'run', inputs, '--out', out, '--stages', 'segment', '--masks', '--max-frames', '2', '--workers', '0', '--quiet'], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr })));
    };
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([run(), run()]);
      for (const r of results) if (r.code !== 0) failures.push(`round ${round}: exit ${r.code}: ${r.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
    for (let i = 0; i < 3; i++) expect(pngs(path.join(out, `c${i}.masks`))).toHaveLength(readJsonl(path.join(out, `c${i}.jsonl`)).length);
    expect(fs.readdirSync(out).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('item 5: the masks-folder commit itself, hammered by two processes at once, never fails', async () => {
    const out = path.join(dir, 'out-hammer');
    fs.mkdirSync(out);
    const script = `
import fs from 'node:fs';
import path from 'node:path';
const { atomicOutput } = await import(${JSON.stringify(path.join(repoRoot, 'apps/video-cli/dist/output/atomic-output.js'))});
const final = path.join(process.argv[1], 'race.masks');
for (let i = 0; i < 300; i++) {
  const o = atomicOutput(final, { directory: true });
  fs.mkdirSync(o.tempPath);
  for (let k = 0; k < 8; k++) fs.writeFileSync(path.join(o.tempPath, k + '.png'), 'x');
  try { o.commit(); } catch (err) { console.error('commit ' + i + ': ' + err.code); process.exit(1); }
}`;
    const hammer = (): Promise<CliResult> => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr })));
    };
    const results = await Promise.all([hammer(), hammer()]);
    expect(results.map((r) => `${r.code} ${r.stderr.trim()}`)).toEqual(['0 ', '0 ']);
    expect(fs.readdirSync(out)).toEqual(['race.masks']);
    expect(fs.readdirSync(path.join(out, 'race.masks'))).toHaveLength(8);
  });
});
