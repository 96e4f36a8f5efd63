import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs } from './discover-inputs.js';
import { UsageError } from './usage-error.js';

describe('discoverInputs', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-discover-'));
    for (const f of ['a.mp4', 'b.MOV', 'notes.txt', 'sub/c.jpg', 'sub/deep/d.png', 'sub/deep/e.mp4', '.hidden.mp4']) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), 'x');
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const rel = (files: { path: string }[]): string[] => files.map((f) => path.relative(root, f.path));

  it('takes media files directly inside a folder, sorted, skipping other and hidden files', () => {
    expect(rel(discoverInputs([root]))).toEqual(['a.mp4', 'b.MOV']);
  });
  it('descends with recursive', () => {
    expect(rel(discoverInputs([root], { recursive: true }))).toEqual(['a.mp4', 'b.MOV', 'sub/c.jpg', 'sub/deep/d.png', 'sub/deep/e.mp4']);
  });
  it('expands * and ** globs relative to cwd', () => {
    expect(rel(discoverInputs(['*.mp4'], { cwd: root }))).toEqual(['a.mp4']);
    expect(rel(discoverInputs(['sub/**/*.p?g'], { cwd: root }))).toEqual(['sub/deep/d.png']);
    expect(rel(discoverInputs(['**/*.mp4'], { cwd: root }))).toEqual(['a.mp4', 'sub/deep/e.mp4']);
  });
  it('brace expansion, classes, negated classes and absolute patterns', () => {
    expect(rel(discoverInputs(['sub/**/*.{png,jpg}'], { cwd: root }))).toEqual(['sub/c.jpg', 'sub/deep/d.png']);
    expect(rel(discoverInputs(['{a,b}.*'], { cwd: root }))).toEqual(['a.mp4', 'b.MOV']);
    expect(rel(discoverInputs(['sub/deep/[d-e].*'], { cwd: root }))).toEqual(['sub/deep/d.png', 'sub/deep/e.mp4']);
    expect(rel(discoverInputs(['sub/deep/[!d]*'], { cwd: root }))).toEqual(['sub/deep/e.mp4']);
    expect(rel(discoverInputs([path.join(root, 'sub', '**', '*.mp4')]))).toEqual(['sub/deep/e.mp4']);
    expect(rel(discoverInputs(['*.mp4'], { cwd: root }))).not.toContain('.hidden.mp4');
  });
  it('keeps an explicit file of unknown type (the decoder decides) and classifies kinds', () => {
    const files = discoverInputs([path.join(root, 'notes.txt'), path.join(root, 'sub/c.jpg')]);
    expect(files.map((f) => f.kind)).toEqual(['video', 'image']);
  });
  it('de-duplicates inputs given twice', () => {
    expect(rel(discoverInputs([path.join(root, 'a.mp4'), root]))).toEqual(['a.mp4', 'b.MOV']);
  });
  it("skips facepipe's own outputs and never descends into the output folder (item 3)", () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-discover-out-'));
    try {
      const files = ['a.mp4', 'p.jpg', 'facepipe-out/a.annotated.mp4', 'facepipe-out/a.masks/000000.png', 'facepipe-out/p.mask.png', 'facepipe-out/other.mp4', 'facepipe-out/a.thumbs/1.jpg', 'a.thumbs/1.jpg', 'a.annotated.mp4', 'p.annotated.png', 'p.mask.png', 'a.masks/000000.png', 'b.annotated.partial-42-ab12.mp4', 'b.masks.partial-42-ab12/000000.png'];
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(tree, f)), { recursive: true });
        fs.writeFileSync(path.join(tree, f), 'x');
      }
      const found = (inputs: string[], options: { recursive?: boolean; outDir?: string }): string[] => discoverInputs(inputs, { cwd: tree, ...options }).map((f) => path.relative(tree, f.path));
      expect(found(['.'], { recursive: true, outDir: 'facepipe-out' })).toEqual(['a.mp4', 'p.jpg']);
      expect(found(['**/*.mp4'], { outDir: path.join(tree, 'facepipe-out') })).toEqual(['a.mp4']);
      // --out equal to the input folder: its own inputs are still found, its outputs are not
      expect(found(['facepipe-out'], { outDir: 'facepipe-out' })).toEqual(['facepipe-out/other.mp4']);
      // a file named explicitly is taken as given
      expect(found(['a.annotated.mp4'], {})).toEqual(['a.annotated.mp4']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
  it('reports inputs that match nothing', () => {
    expect(() => discoverInputs([path.join(root, 'missing.mp4')])).toThrow(UsageError);
    expect(() => discoverInputs(['*.avi'], { cwd: root })).toThrow(/no image or video files match/);
  });
});
