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

  describe('with timesOf (the burst rule)', () => {
    interface Item { readonly n: number; readonly arrivalMs: number; readonly sourceMs: number }
    const item = (n: number, arrivalMs: number): Item => ({ n, arrivalMs, sourceMs: n * 33 });
    const make = () => {
      const out: number[] = [];
      const dropped: number[] = [];
      const gate = createLiveDropGate<Item>({ maxInFlight: 1, deliver: (i) => out.push(i.n), drop: (i) => dropped.push(i.n), timesOf: (i) => i });
      return { gate, out, dropped };
    };

    it('keeps two frames that arrive in a burst and delivers them oldest first', () => {
      const { gate, out, dropped } = make();
      gate.offer(item(0, 0));
      gate.offer(item(1, 40)); // waits
      gate.offer(item(2, 45)); // 5 ms after 1, source spacing 33: a burst, both wait
      expect(dropped).toEqual([]);
      gate.release();
      expect(out).toEqual([0, 1]);
      gate.release();
      expect(out).toEqual([0, 1, 2]);
      expect(gate.waiting).toBe(false);
    });

    it('drops the waiting frame when the next one comes at the source pace (a slow consumer still gets the newest)', () => {
      const { gate, out, dropped } = make();
      gate.offer(item(0, 0));
      gate.offer(item(1, 33));
      gate.offer(item(2, 66)); // 33 ms after 1: not a burst, 1 is stale
      gate.offer(item(3, 99));
      expect(dropped).toEqual([1, 2]);
      gate.release();
      expect(out).toEqual([0, 3]);
    });

    it('with a clock: the older frame of a burst is dropped at hand-off once it has waited a source interval', () => {
      let clock = 0;
      const out: number[] = [];
      const dropped: number[] = [];
      const gate = createLiveDropGate<Item>({ maxInFlight: 1, deliver: (i) => out.push(i.n), drop: (i) => dropped.push(i.n), timesOf: (i) => i, now: () => clock });
      gate.offer(item(0, 0));
      gate.offer(item(1, 40));
      gate.offer(item(2, 42)); // a burst: both wait
      clock = 60; // 1 waited 20 ms < 33: still handed on
      gate.release();
      expect(out).toEqual([0, 1]);
      gate.offer(item(3, 100));
      gate.offer(item(4, 101)); // 3 came 58 ms after 2 (no burst): 2 dropped; 4 came 1 ms after 3: both wait
      expect(dropped).toEqual([2]);
      clock = 140; // 3 waited 40 ms > 33 (the consumer is falling behind): dropped for 4
      gate.release();
      expect(out).toEqual([0, 1, 4]);
      expect(dropped).toEqual([2, 3]);
    });

    it('never holds more than two waiting frames: a third arrival drops the oldest', () => {
      const { gate, out, dropped } = make();
      gate.offer(item(0, 0));
      gate.offer(item(1, 50));
      gate.offer(item(2, 51));
      gate.offer(item(3, 52));
      expect(dropped).toEqual([1]);
      gate.release();
      gate.release();
      expect(out).toEqual([0, 2, 3]);
    });

    it('treats unknown or non-increasing source times as no burst (one slot)', () => {
      const { gate, dropped } = make();
      gate.offer({ n: 0, arrivalMs: 0, sourceMs: 0 });
      gate.offer({ n: 1, arrivalMs: 10, sourceMs: 5 });
      gate.offer({ n: 2, arrivalMs: 11, sourceMs: 5 }); // same pts (a reconnect restarts the clock)
      gate.offer({ n: 3, arrivalMs: 12, sourceMs: NaN });
      expect(dropped).toEqual([1, 2]);
    });
  });
});
