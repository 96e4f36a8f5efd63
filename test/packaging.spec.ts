import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driving, makeClip, readJsonl, repoRoot, shared, tempDir } from './helpers.js';

// What a new user does: `npm pack` every package, install the tarballs the way the READMEs say
// (from the local npm cache, no registry round trip for anything already cached), then run the
// installed `facepipe` command and the detector README's example against the installed copies.

/** Package folder -> package name, in dependency order. */
const packages = [
  ['packages/core', '@facepipe/core'],
  ['packages/detector', '@facepipe/detector'],
  ['packages/landmarks', '@facepipe/landmarks'],
  ['packages/segmentation', '@facepipe/segmentation'],
  ['packages/quantize', '@facepipe/quantize'],
  ['apps/video-cli', 'facepipe'],
] as const;

/** The environment of a fresh shell: no npm_* variables of the npm that runs this test. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // no npm_* (an install inside a test must not see the outer npm run's config), no FORCE_COLOR (Nx sets it:
  // console.log would colour the numbers the README example prints)
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'FORCE_COLOR') env[k] = v;
  return { ...env, FACEPIPE_MODELS: path.join(shared, 'models'), FACEPIPE_OFFLINE: '1', ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion without blocking the event loop (installs run in parallel). */
function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The first fenced block of `lang` after `heading` in a README. */
function readmeBlock(readme: string, heading: string, lang: string): string {
  const text = fs.readFileSync(path.join(repoRoot, readme), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`${readme} has no "${heading}" section`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text.slice(at));
  if (!m) throw new Error(`${readme}: no \`\`\`${lang} block under "${heading}"`);
  return m[1]!;
}

/**
 * The README's install line as argv and env: `VAR=value npm install <names...>`. Package names of
 * this repository are replaced by their tarballs, plus the tarballs of their facepipe dependencies
 * (which the registry would serve once published).
 */
function installCommand(readme: string, tarballs: Map<string, string>): { env: Record<string, string>; args: string[] } {
  const line = readmeBlock(readme, '## Install', 'sh')
    .split('\n')
    .find((l) => /\bnpm install\b/.test(l));
  if (!line) throw new Error(`${readme}: no npm install line under "## Install"`);
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0]!)) {
    const [k, v] = words.shift()!.split('=') as [string, string];
    env[k] = v;
  }
  expect(words.slice(0, 2), `${readme}: ${line}`).toEqual(['npm', 'install']);
  const wanted = new Set<string>();
  const addWithDeps = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    const dir = packages.find(([, n]) => n === name)![0];
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) if (tarballs.has(dep)) addWithDeps(dep);
  };
  const rest: string[] = [];
  for (const w of words.slice(2)) (tarballs.has(w) ? addWithDeps(w) : rest.push(w));
  return { env, args: ['install', ...rest, ...[...wanted].map((n) => tarballs.get(n)!), '--prefer-offline', '--no-audit', '--no-fund'] };
}

describe('packed tarballs installed as the READMEs say', () => {
  let root: string;
  const tarballs = new Map<string, string>();
  let globalPrefix: string;
  let project: string;
  let facepipeBin: string;

  beforeAll(async () => {
    root = tempDir('pack');
    const tgz = path.join(root, 'tgz');
    fs.mkdirSync(tgz);
    for (const [dir, name] of packages) {
      const r = spawnSync('npm', ['pack', '--json', '--pack-destination', tgz, path.join(repoRoot, dir)], { cwd: repoRoot, env: cleanEnv(), encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm pack ${dir} failed: ${r.stderr}`);
      const [info] = JSON.parse(r.stdout) as [{ filename: string; files: { path: string }[] }];
      if (!info.files.some((f) => f.path === 'LICENSE')) throw new Error(`${name}: no LICENSE in the tarball`);
      tarballs.set(name, path.join(tgz, info.filename));
    }

    // The CLI README's global install (all six tarballs: no registry serves them yet) and the
    // detector README's install line in an empty project, side by side.
    globalPrefix = path.join(root, 'global');
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fp-user', private: true, type: 'module' }));
    const cli = installCommand('apps/video-cli/README.md', tarballs);
    const det = installCommand('packages/detector/README.md', tarballs);
    const [g, d] = await Promise.all([
      run('npm', [...cli.args, '--prefix', globalPrefix], root, cleanEnv(cli.env)),
      run('npm', det.args, project, cleanEnv(det.env)),
    ]);
    if (g.code !== 0) throw new Error(`npm ${cli.args.join(' ')} failed:\n${g.stderr}`);
    if (d.code !== 0) throw new Error(`npm ${det.args.join(' ')} failed:\n${d.stderr}`);
    facepipeBin = path.join(globalPrefix, 'bin', 'facepipe');
  }, 240_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the CLI README installs the facepipe command globally (-g)', () => {
    expect(installCommand('apps/video-cli/README.md', tarballs).args).toContain('-g');
    expect(fs.statSync(facepipeBin).mode & 0o111).not.toBe(0);
    const r = spawnSync(facepipeBin, ['--version'], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps/video-cli/package.json'), 'utf8')).version);
  });

  it('installed facepipe runs all four stages on a photo and writes the annotated PNG', async () => {
    const out = path.join(root, 'out-photo');
    const photo = path.join(shared, 'data/photos/fr_biden.jpg');
    const r = await run(facepipeBin, ['run', photo, '--stages', 'detect,landmarks,pose,segment', '--annotate', '--out', out, '--quiet'], root, cleanEnv());
    expect(r.code, r.stderr).toBe(0);
    const [line] = readJsonl(path.join(out, 'fr_biden.jsonl'));
    expect(line!.faces.length).toBeGreaterThanOrEqual(1);
    expect(line!.faces[0].landmarks).toHaveLength(98);
    expect(Object.keys(line!.faces[0].pose).sort()).toEqual(['pitch', 'roll', 'yaw']);
    expect(line!.mask.coverage).toBeGreaterThan(0.05);
    expect(fs.readFileSync(path.join(out, 'fr_biden.annotated.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('installed facepipe runs on a short video: one JSONL line per frame, a face in most of them', async () => {
    const clip = path.join(root, 'clip.mp4');
    makeClip(driving, clip, 1);
    const out = path.join(root, 'out-video');
    const r = await run(facepipeBin, ['run', clip, '--stages', 'detect', '--annotate', '--out', out, '--json'], root, cleanEnv());
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { files: { frames: number }[] };
    const lines = readJsonl(path.join(out, 'clip.jsonl'));
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(summary.files[0]!.frames).toBe(lines.length);
    expect(lines.filter((l) => l.faces.length > 0).length / lines.length).toBeGreaterThan(0.9);
    expect(fs.statSync(path.join(out, 'clip.annotated.mp4')).size).toBeGreaterThan(1000);
  });

  it("the detector README's example runs as written against the installed packages", async () => {
    const example = readmeBlock('packages/detector/README.md', '## Example', 'ts');
    fs.writeFileSync(path.join(project, 'example.mjs'), example);
    fs.copyFileSync(path.join(shared, 'data/photos/fr_biden.jpg'), path.join(project, 'photo.jpg'));
    makeClip(driving, path.join(project, 'clip.mp4'), 1);
    // Only what the install line brought: no facepipe package beyond core and detector.
    expect(fs.readdirSync(path.join(project, 'node_modules/@facepipe')).sort()).toEqual(['core', 'detector']);
    const r = await run(process.execPath, ['example.mjs'], project, cleanEnv());
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(r.stdout).toMatch(/^\[\s*\{\s*box: \[/); // console.log(faces)
    const frames = lines.filter((l) => /^\d+ \[/.test(l)); // frame.index, track ids
    expect(frames.length, `example stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBeGreaterThanOrEqual(20);
    expect(frames.filter((l) => /^\d+ \[ 1 \]$/.test(l)).length / frames.length).toBeGreaterThan(0.9);
  });

  it('inside the repository, `npx facepipe` is the workspace CLI (no registry)', () => {
    const r = spawnSync('npm', ['exec', '--offline', '--', 'facepipe', '--version'], { cwd: repoRoot, env: cleanEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
