import fs from 'node:fs';
import type { FaceRecord, FrameRecord } from '../../output/frame-record.js';
import { JsonlFormatError } from './jsonl-format-error.js';

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkFace(f: unknown, file: string, line: number, k: number): FaceRecord {
  const face = f as Partial<FaceRecord> | null;
  const box = face?.box;
  if (typeof face !== 'object' || face === null || !Array.isArray(box) || box.length !== 4 || !box.every(isNum) || !isNum(face.score)) {
    throw new JsonlFormatError(file, line, `faces[${k}] to be {box:[x1,y1,x2,y2], score}`, show(f));
  }
  if (face.id !== undefined && !Number.isInteger(face.id)) throw new JsonlFormatError(file, line, `faces[${k}].id to be an integer`, show(face.id));
  const p = face.pose;
  if (p !== undefined && (typeof p !== 'object' || p === null || !isNum(p.yaw) || !isNum(p.pitch) || !isNum(p.roll))) {
    throw new JsonlFormatError(file, line, `faces[${k}].pose to be {yaw, pitch, roll} numbers`, show(p));
  }
  return face as FaceRecord;
}

/**
 * Read a `<stem>.jsonl` written by `facepipe run` and check each line against the frame-record
 * contract (`frame`, `timeMs`, `width`, `height`, optional `faces` and `mask`). The whole file is
 * read at once; a 10,000-frame file is a few MB.
 *
 * ## Example
 * ```ts
 * const records = readFrameRecords('facepipe-out/clip.jsonl');
 * records[0]; // { frame: 0, timeMs: 0, width: 640, height: 360, faces: [{ id: 1, box: [...], score: 0.98 }] }
 * ```
 * @param file Path of the JSONL file.
 * @returns The records in file order.
 * @throws {JsonlFormatError} naming the file, the line and what was expected.
 * @throws {Error} from the file system when the file cannot be read.
 */
export function readFrameRecords(file: string): FrameRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: FrameRecord[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (raw.length === 0) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch {
      throw new JsonlFormatError(file, line, 'one JSON object per line', show(raw));
    }
    const r = rec as Partial<FrameRecord> | null;
    if (typeof r !== 'object' || r === null || !isNum(r.frame) || !isNum(r.timeMs) || !isNum(r.width) || !isNum(r.height)) {
      throw new JsonlFormatError(file, line, 'a frame record with numeric `frame`, `timeMs`, `width`, `height`', show(rec));
    }
    if (r.faces !== undefined) {
      if (!Array.isArray(r.faces)) throw new JsonlFormatError(file, line, '`faces` to be an array', show(r.faces));
      r.faces.forEach((f, k) => checkFace(f, file, line, k));
    }
    if (r.mask !== undefined && (typeof r.mask !== 'object' || r.mask === null || !isNum(r.mask.coverage))) {
      throw new JsonlFormatError(file, line, '`mask` to be {coverage, file?}', show(r.mask));
    }
    out.push(r as FrameRecord);
  }
  return out;
}
