import { describe, expect, it } from 'vitest';
import { createFrameSplitter } from './create-frame-splitter.js';

interface M {
  readonly width: number;
  readonly height: number;
  readonly id: number;
}

/** A frame-sized stream of bytes 0, 1, 2, ... (mod 251) and its cut into chunks of the given sizes. */
function stream(total: number): Uint8Array {
  return Uint8Array.from({ length: total }, (_, i) => i % 251);
}
function chunks(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.slice(at, at + n));
    at += n;
  }
  return out;
}

function harness(maxInFlight: number, autoRelease: boolean) {
  const emitted: { data: Uint8Array; meta: M }[] = [];
  const doneCalls: number[] = [];
  let idles = 0;
  const s = createFrameSplitter<M>({
    maxInFlight,
    emit(data, meta) {
      emitted.push({ data, meta });
      if (autoRelease) s.release();
    },
    idle: () => void idles++,
  });
  return { s, emitted, doneCalls, idles: () => idles };
}

describe('createFrameSplitter on synthetic chunk sequences', () => {
  const meta = (id: number): M => ({ width: 3, height: 2, id }); // 18-byte frames

  for (const sizes of [[18], [5], [7, 13, 1], [40], [1], [36, 2]]) {
    it(`cuts 5 frames exactly whatever the chunking (${sizes.join(',')})`, () => {
      const bytes = stream(5 * 18);
      const { s, emitted, doneCalls } = harness(8, true);
      for (let i = 0; i < 5; i++) s.announce(meta(i));
      chunks(bytes, sizes).forEach((c, k) => s.write(c, () => doneCalls.push(k)));
      expect(emitted.map((e) => e.meta.id)).toEqual([0, 1, 2, 3, 4]);
      for (const [i, e] of emitted.entries()) expect(Array.from(e.data)).toEqual(Array.from(bytes.subarray(i * 18, (i + 1) * 18)));
      expect(doneCalls).toEqual(chunks(bytes, sizes).map((_, k) => k)); // every chunk consumed, in order
      expect(s.state()).toEqual({ waitingForRelease: false, pendingBytes: 0, partial: undefined });
    });
  }

  it('a chunk boundary inside a frame: the frame waits for the rest, and a short stream ends partial', () => {
    const { s, emitted } = harness(8, true);
    s.announce(meta(0));
    s.announce(meta(1));
    s.write(stream(25), () => undefined); // frame 0 and 7 bytes of frame 1
    expect(emitted.map((e) => e.meta.id)).toEqual([0]);
    expect(s.state().partial).toEqual({ filled: 7, size: 18 });
  });

  it('bytes wait for their announcement (sizes come from stderr, which may lag the pipe)', () => {
    const { s, emitted } = harness(8, true);
    let consumed = false;
    s.write(stream(18), () => (consumed = true));
    expect([emitted.length, consumed, s.state().pendingBytes]).toEqual([0, false, 18]);
    s.announce(meta(0));
    expect([emitted.length, consumed, s.state().pendingBytes]).toEqual([1, true, 0]);
  });

  it('backpressure: at maxInFlight the chunk is held (done not called) until a release', () => {
    const { s, emitted } = harness(2, false);
    for (let i = 0; i < 4; i++) s.announce(meta(i));
    const done: number[] = [];
    s.write(stream(4 * 18), () => done.push(0));
    expect(emitted.map((e) => e.meta.id)).toEqual([0, 1]);
    expect(done).toEqual([]); // the producer is blocked
    expect(s.state()).toMatchObject({ waitingForRelease: true, pendingBytes: 18 });
    s.release(); // frame 2 goes out, the last 18 bytes fill frame 3: the chunk is consumed
    expect(emitted.map((e) => e.meta.id)).toEqual([0, 1, 2]);
    expect(done).toEqual([0]);
    expect(s.state()).toMatchObject({ waitingForRelease: true, pendingBytes: 0 });
    s.release();
    expect(emitted.map((e) => e.meta.id)).toEqual([0, 1, 2, 3]);
    expect(s.state().waitingForRelease).toBe(false);
  });

  it('re-entrant: a done callback handing in the next chunk and a release from inside emit both work', () => {
    const bytes = stream(3 * 18);
    const parts = chunks(bytes, [10]);
    const { s, emitted } = harness(1, true); // release inside emit, limit 1
    for (let i = 0; i < 3; i++) s.announce(meta(i));
    let k = 0;
    const feed = (): void => {
      if (k < parts.length) s.write(parts[k++]!, feed); // synchronous next chunk from done
    };
    feed();
    expect(emitted.map((e) => e.meta.id)).toEqual([0, 1, 2]);
    expect(Array.from(emitted[2]!.data)).toEqual(Array.from(bytes.subarray(36)));
  });

  it('extra bytes with no announced frame stay pending; close drops everything and silences the splitter', () => {
    const { s, emitted, idles } = harness(8, true);
    s.announce(meta(0));
    s.write(stream(20), () => undefined);
    expect(s.state().pendingBytes).toBe(2);
    const before = idles();
    s.close();
    s.announce(meta(1));
    s.write(stream(18), () => undefined);
    expect(emitted).toHaveLength(1);
    expect(idles()).toBe(before);
    expect(s.state()).toEqual({ waitingForRelease: false, pendingBytes: 0, partial: undefined });
  });

  it('reuseBuffers: a released buffer is refilled by a later frame (content still exact); without it every frame is new', () => {
    const bytes = stream(6 * 18);
    const seen: Uint8Array[] = [];
    const copies: number[][] = [];
    const s = createFrameSplitter<M>({
      maxInFlight: 2,
      reuseBuffers: true,
      emit(data) {
        seen.push(data);
        copies.push(Array.from(data));
        s.release(data);
      },
    });
    for (let i = 0; i < 6; i++) s.announce(meta(i));
    for (const c of chunks(bytes, [7, 30])) s.write(c, () => undefined);
    expect(copies).toEqual(Array.from({ length: 6 }, (_, i) => Array.from(bytes.subarray(18 * i, 18 * (i + 1)))));
    expect(new Set(seen).size).toBe(1);
    const { s: plain, emitted } = harness(2, true);
    for (let i = 0; i < 3; i++) plain.announce(meta(i));
    plain.write(stream(54), () => undefined);
    expect(new Set(emitted.map((e) => e.data)).size).toBe(3);
  });

  it('a chunk written while another is still pending waits behind it, in order', () => {
    const bytes = stream(3 * 18);
    const { s, emitted } = harness(1, false);
    for (let i = 0; i < 3; i++) s.announce(meta(i));
    const done: number[] = [];
    const parts = chunks(bytes, [40, 14]);
    s.write(parts[0]!, () => done.push(0)); // fills frame 0, frame 1 waits: the chunk stays pending
    s.write(parts[1]!, () => done.push(1)); // e.g. Node flushing a paused stdout at exit
    expect(s.state().pendingBytes).toBe(54 - 18 - 18);
    s.release();
    s.release();
    expect(done).toEqual([0, 1]);
    expect(emitted.map((e) => Array.from(e.data))).toEqual([0, 1, 2].map((i) => Array.from(bytes.subarray(18 * i, 18 * (i + 1)))));
  });
});
