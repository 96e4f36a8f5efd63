import { describe, expect, it } from 'vitest';
import { createLiveDropGate } from './live-drop-gate.js';

describe('createLiveDropGate', () => {
  it('delivers below the limit, keeps only the newest waiting item, delivers it on release', () => {
    const out: number[] = [];
    const dropped: number[] = [];
    const gate = createLiveDropGate<number>({ maxInFlight: 2, deliver: (n) => out.push(n), drop: (n) => dropped.push(n) });
    gate.offer(0);
    gate.offer(1);
    expect(out).toEqual([0, 1]);
    gate.offer(2);
    gate.offer(3);
    gate.offer(4);
    expect(out).toEqual([0, 1]);
    expect(dropped).toEqual([2, 3]);
    expect(gate.waiting).toBe(true);
    expect(gate.inFlight).toBe(2);
    gate.release();
    expect(out).toEqual([0, 1, 4]);
    expect(gate.waiting).toBe(false);
    expect(gate.inFlight).toBe(2);
    gate.release();
    gate.release();
    expect(gate.inFlight).toBe(0);
    gate.release(); // nothing out: no negative count
    expect(gate.inFlight).toBe(0);
    expect(gate.dropped).toBe(2);
  });

  it('survives a consumer that releases from inside deliver (synchronous release)', () => {
    const out: number[] = [];
    const gate = createLiveDropGate<number>({
      maxInFlight: 1,
      deliver: (n) => {
        out.push(n);
        gate.release();
      },
    });
    for (let i = 0; i < 5; i++) gate.offer(i);
    expect(out).toEqual([0, 1, 2, 3, 4]);
    expect(gate.dropped).toBe(0);
    expect(gate.inFlight).toBe(0);
  });

  it('delivers nothing after close', () => {
    const out: number[] = [];
    const gate = createLiveDropGate<number>({ maxInFlight: 1, deliver: (n) => out.push(n) });
    gate.offer(0);
    gate.offer(1);
    gate.close();
    gate.release();
    gate.offer(2);
    expect(out).toEqual([0]);
    expect(gate.waiting).toBe(false);
  });
});
