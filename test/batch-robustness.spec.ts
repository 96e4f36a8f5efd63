import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, decodeCount, driving, hamilton, killWhen, makeClip, readJsonl, runCli, runCliSync, tempDir } from './helpers.js';

describe('batch robustness', () => {
  let dir: string;
  let clips: string;
  beforeAll(() => {
    assertCliBuilt();
    dir = tempDir('batch');
    clips = path.join(dir, 'clips');
    fs.mkdirSync(clips);
    makeClip(driving, path.join(clips, 'a-driving.mp4'), 1.2);
    makeClip(hamilton, path.join(clips, 'c-hamilton.mp4'), 1.0, 2);
    fs.writeFileSync(path.join(clips, 'b-bad.mp4'), 'this is not a video\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a folder with two good clips and a corrupt one: both good ones complete, the bad one is reported, exit 1', () => {
    const out = path.join(dir, 'out1');
    const r = runCliSync(['run', clips, '--out', out, '--stages', 'detect', '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.files.map((f: any) => [path.basename(f.input), f.status])).toEqual([
      ['a-driving.mp4', 'done'],
      ['b-bad.mp4', 'failed'],
      ['c-hamilton.mp4', 'done'],
    ]);
    expect(summary.files[1].error).toMatch(/DecoderError/);
    expect(r.stderr).toMatch(/b-bad\.mp4: failed: DecoderError/);
    for (const name of ['a-driving', 'c-hamilton']) {
      const frames = decodeCount(path.join(clips, `${name}.mp4`)).frames;
      expect(readJsonl(path.join(out, `${name}.jsonl`))).toHaveLength(frames);
    }
    expect(fs.readdirSync(out).sort()).toEqual(['a-driving.facepipe.json', 'a-driving.jsonl', 'c-hamilton.facepipe.json', 'c-hamilton.jsonl']);
  });

  it('a folder of photos (decoded one ahead) with a broken one among them: the others give the lines they give one by one, the broken one fails with its cause', () => {
    const photos = path.join(dir, 'photos');
    fs.mkdirSync(photos);
    const shared = process.env.FACEPIPE_SHARED!;
    const names = ['fr_biden.jpg', 'fr_two_people.jpg', 'ghostone_duo.jpg'];
    fs.copyFileSync(path.join(shared, 'data/photos', names[0]!), path.join(photos, 'a.jpg'));
    fs.writeFileSync(path.join(photos, 'b.jpg'), 'not a jpeg\n');
    fs.copyFileSync(path.join(shared, 'data/photos', names[1]!), path.join(photos, 'c.jpg'));
    fs.copyFileSync(path.join(shared, 'data/photos', names[2]!), path.join(photos, 'd.jpg'));
    const out = path.join(dir, 'out-photos');
    const r = runCliSync(['run', photos, '--out', out, '--stages', 'detect,landmarks', '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.files.map((f: any) => [path.basename(f.input), f.status])).toEqual([
      ['a.jpg', 'done'],
      ['b.jpg', 'failed'],
      ['c.jpg', 'done'],
      ['d.jpg', 'done'],
    ]);
    expect(summary.files[1].error).toMatch(/DecoderError: Could not decode image: .*b\.jpg \| .*unsupported image format/);
    for (const [stem, name] of [['a', names[0]], ['c', names[1]], ['d', names[2]]] as const) {
      const alone = path.join(dir, `out-photo-${stem}`);
      expect(runCliSync(['run', path.join(photos, `${stem}.jpg`), '--out', alone, '--stages', 'detect,landmarks', '--quiet']).code, name).toBe(0);
      expect(fs.readFileSync(path.join(out, `${stem}.jsonl`), 'utf8')).toBe(fs.readFileSync(path.join(alone, `${stem}.jsonl`), 'utf8'));
    }
  });

  it('killed mid-run (SIGKILL): nothing unfinished looks complete; --skip-existing resumes and completes', async () => {
    const out = path.join(dir, 'out2');
    const good = [path.join(clips, 'a-driving.mp4'), path.join(clips, 'c-hamilton.mp4')];
    const args = ['run', ...good, '--out', out, '--stages', 'detect,landmarks,pose', '--annotate', '--workers', '0'];
    const { child, done } = runCli(args);
    // kill once the second input is being written (its partial JSONL has lines): the first is complete by then
    const t0 = Date.now();
    await killWhen(
      child,
      () => {
        const partial = (fs.existsSync(out) ? fs.readdirSync(out) : []).find((n) => n.startsWith('c-hamilton.jsonl.partial-'));
        return partial !== undefined && fs.statSync(path.join(out, partial)).size > 0;
      },
      'SIGKILL',
    );
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const after = fs.readdirSync(out);
    console.log(`killed after ${Date.now() - t0} ms; left behind: ${after.join(', ')}`);
    // the unfinished input has no final output, only partials
    expect(after.some((n) => n.startsWith('c-hamilton.jsonl.partial-'))).toBe(true);
    expect(after).not.toContain('c-hamilton.jsonl');
    expect(after).not.toContain('c-hamilton.annotated.mp4');
    const aMtime = after.includes('a-driving.jsonl') ? fs.statSync(path.join(out, 'a-driving.jsonl')).mtimeMs : undefined;

    const r = runCliSync([...args, '--skip-existing', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.files[0].status).toBe(aMtime === undefined ? 'done' : 'skipped');
    expect(summary.files[1].status).toBe('done');
    if (aMtime !== undefined) expect(fs.statSync(path.join(out, 'a-driving.jsonl')).mtimeMs).toBe(aMtime);
    for (const name of ['a-driving', 'c-hamilton']) {
      const src = decodeCount(path.join(clips, `${name}.mp4`));
      expect(readJsonl(path.join(out, `${name}.jsonl`))).toHaveLength(src.frames);
      expect(decodeCount(path.join(out, `${name}.annotated.mp4`))).toEqual(src);
    }
    // the killed run's partials were cleaned up
    expect(fs.readdirSync(out).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('SIGINT stops cleanly: exit 130, finished files kept, no partial files left', async () => {
    const out = path.join(dir, 'out3');
    const longer = path.join(dir, 'sigint-hamilton.mp4');
    fs.copyFileSync(hamilton, longer);
    const { child, done } = runCli(['run', path.join(clips, 'a-driving.mp4'), longer, '--out', out, '--stages', 'detect', '--workers', '0']);
    const t0 = Date.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const names = fs.existsSync(out) ? fs.readdirSync(out) : [];
        if (names.some((n) => n.startsWith('sigint-hamilton.jsonl.partial-')) || Date.now() - t0 > 120_000) {
          clearInterval(timer);
          setTimeout(() => {
            child.kill('SIGINT');
            resolve();
          }, 300);
        }
      }, 20);
    });
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted/);
    expect(fs.readdirSync(out).sort()).toEqual(['a-driving.facepipe.json', 'a-driving.jsonl']);
    // no ffmpeg child is left decoding the interrupted input
    await new Promise((r) => setTimeout(r, 300));
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(ps.split('\n').filter((l) => l.includes(longer))).toEqual([]);
  });
});
