import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationFormatError, DecoderError } from '../shared/errors.js';
import { loadFaceAnnotations, parseFaceAnnotations } from './load-face-annotations.js';

const shared = process.env.FACEPIPE_SHARED!;

describe('loadFaceAnnotations', () => {
  it('reads the shared faces-v1 sets', async () => {
    const wider = await loadFaceAnnotations(path.join(shared, 'data/faces/wider_val/annotations.json'));
    expect(wider.images.map((i) => i.faces.length)).toEqual([142, 132, 37]);
    expect(fs.existsSync(wider.images[0]!.path)).toBe(true);
    const dlib = await loadFaceAnnotations(path.join(shared, 'data/faces/dlib_pascal/annotations.json'));
    expect(dlib.images.reduce((n, i) => n + i.faces.length, 0)).toBe(27);
    expect(dlib.images[0]!.faces[0]!.landmarks68).toHaveLength(68);
  });

  it('names the offending field and value', () => {
    const src = '/x/annotations.json';
    const bad = (json: unknown): AnnotationFormatError => {
      try {
        parseFaceAnnotations(json, src);
      } catch (e) {
        return e as AnnotationFormatError;
      }
      throw new Error('no error');
    };
    expect(bad({ format: 'faces-v2', images: [] }).message).toBe('Invalid faces-v1 annotations in /x/annotations.json at format: expected "faces-v1", got "faces-v2"');
    expect(bad({ format: 'faces-v1', images: [{ file: 'a.jpg', width: 10, height: 0, faces: [] }] }).pointer).toBe('images[0].height');
    const e = bad({ format: 'faces-v1', images: [{ file: 'a.jpg', width: 10, height: 10, faces: [{ box: [0, 0, 5] }] }] });
    expect(e).toBeInstanceOf(AnnotationFormatError);
    expect(e.pointer).toBe('images[0].faces[0].box');
    expect(e.message).toMatch(/got \[0,0,5\]/);
    expect(bad({ format: 'faces-v1', images: [{ file: 'a.jpg', width: 10, height: 10, faces: [{ box: [5, 0, 1, 1] }] }] }).problem).toMatch(/x2 >= x1/);
    expect(bad({ format: 'faces-v1', images: [{ file: 'a.jpg', width: 10, height: 10, faces: [{ box: [0, 0, 1, 1], landmarks68: [[1, 2]] }] }] }).pointer).toBe('images[0].faces[0].landmarks68');
    expect(parseFaceAnnotations({ format: 'faces-v1', images: [] }, src).images).toEqual([]);
  });

  it('missing files and non-JSON content raise DecoderError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-ann-'));
    try {
      await expect(loadFaceAnnotations(path.join(dir, 'nope.json'))).rejects.toBeInstanceOf(DecoderError);
      fs.writeFileSync(path.join(dir, 'bad.json'), '{ not json');
      await expect(loadFaceAnnotations(path.join(dir, 'bad.json'))).rejects.toThrow(/not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
