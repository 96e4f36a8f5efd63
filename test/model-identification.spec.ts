import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, readJsonl, runCliSync, shared, tempDir } from './helpers.js';

/** Reliability item 8: model files are identified by content (sha256, then I/O signature), not by name. */
describe('model files given by path', () => {
  let dir: string;
  const photo = path.join(shared, 'data/photos/fr_biden.jpg');
  const models = path.join(shared, 'models');
  beforeAll(() => {
    assertCliBuilt();
    dir = tempDir('identify');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A renamed copy; with `docString`, a re-export (ModelProto.doc_string appended: same graph, other sha256). */
  const copyAs = (src: string, name: string, docString?: string): string => {
    const extra = docString === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x32, docString.length]), Buffer.from(docString)]);
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(path.join(models, src)), extra]));
    return file;
  };
  const segment = (out: string, ...extra: string[]) => runCliSync(['run', photo, '--stages', 'segment', '--workers', '0', '--out', path.join(dir, out), ...extra]);
  const jsonl = (out: string): string => fs.readFileSync(path.join(dir, out, 'fr_biden.jsonl'), 'utf8');

  it('--segmenter with a renamed or re-exported Prisma-Net gives the same masks as the registry id', () => {
    const byId = segment('by-id');
    expect(byId.code, byId.stderr).toBe(0);
    const renamed = segment('renamed', '--segmenter', copyAs('segmentation/prisma-net_256_nchw.onnx', 'portrait.onnx'));
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(jsonl('renamed')).toBe(jsonl('by-id'));
    const reexport = copyAs('segmentation/prisma-net_256_nchw.onnx', 'portrait-v2.onnx', 're-exported');
    const bySignature = segment('signature', '--segmenter', reexport);
    expect(bySignature.code, bySignature.stderr).toBe(0);
    expect(jsonl('signature')).toBe(jsonl('by-id'));
    const stated = segment('family', '--segmenter', reexport, '--segmenter-family', 'prisma-unet-256');
    expect(stated.code, stated.stderr).toBe(0);
    expect(jsonl('family')).toBe(jsonl('by-id'));
    expect(readJsonl(path.join(dir, 'by-id', 'fr_biden.jsonl'))[0]!.mask.coverage).toBeGreaterThan(0.3);
  });

  it('--landmarks with a renamed 68-point model is driven as pfld-68 (not as the default 98-point preset)', () => {
    const r = runCliSync(['run', photo, '--stages', 'detect,landmarks', '--workers', '0', '--out', path.join(dir, 'lm'), '--landmarks', copyAs('landmarks/pfld_68pt_cunjian.onnx', 'lm.onnx')]);
    expect(r.code, r.stderr).toBe(0);
    const [line] = readJsonl(path.join(dir, 'lm', 'fr_biden.jsonl'));
    expect(line!.faces.length).toBeGreaterThan(0);
    expect(line!.faces[0].landmarks).toHaveLength(68);
  });

  it('an unrecognised file says what it is and how to state its family; a wrong family is a usage error', () => {
    const odd = copyAs('headpose/fsanet-var-iter-688590.onnx', 'odd.onnx', 'x');
    const r = segment('odd', '--segmenter', odd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--segmenter ${odd}: facepipe does not recognise this model`);
    expect(r.stderr).toMatch(/inputs "input" \[1,3,64,64\]; outputs "output" \[1,3\]/);
    expect(r.stderr).toMatch(/--segmenter-family <prisma-unet-256\|sinet-320\|deeplab-mnv2-513>/);
    const wrong = segment('odd', '--segmenter', odd, '--segmenter-family', 'pfld-68');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--segmenter-family pfld-68: expected the id of a registry segmentation model/);
    expect(fs.existsSync(path.join(dir, 'odd', 'fr_biden.jsonl'))).toBe(false);
  });
});
