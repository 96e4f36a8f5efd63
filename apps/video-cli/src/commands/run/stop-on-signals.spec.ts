import { afterEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from './stop-on-signals.js';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

describe('stopOnSignals', () => {
  let release: (() => void) | undefined;
  const own = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  afterEach(() => {
    release?.();
    // handlers stay once a signal came: remove the ones these tests added
    for (const s of SIGNALS) for (const l of process.listeners(s)) if (!own.get(s)!.includes(l)) process.off(s, l);
  });

  it('first signal aborts; SIGHUP like SIGTERM; no signal: release removes the handlers', () => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const abort = new AbortController();
      const before = process.listenerCount(sig);
      const r = stopOnSignals(abort, { exit: () => undefined });
      expect(process.listenerCount(sig)).toBe(before + 1);
      process.emit(sig, sig);
      expect([abort.signal.aborted, abort.signal.reason]).toEqual([true, sig]);
      r();
      const idle = stopOnSignals(new AbortController(), { exit: () => undefined });
      idle();
    }
    const quiet = new AbortController();
    const before = process.listenerCount('SIGHUP');
    stopOnSignals(quiet, { exit: () => undefined })();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });

  it('second signal: cleanup at once, exit 130 only once onnxruntime is idle; handlers stay after release', async () => {
    const events: string[] = [];
    let busy = true;
    release = stopOnSignals(new AbortController(), {
      onForce: () => events.push('cleanup'),
      busy: () => busy,
      exit: (code) => events.push(`exit ${code}`),
      notice: () => events.push('notice'),
    });
    process.emit('SIGINT', 'SIGINT');
    release(); // the run ended meanwhile: a late second signal must still be handled
    process.emit('SIGINT', 'SIGINT');
    expect(events).toEqual(['cleanup', 'notice']);
    await wait(60);
    expect(events).toEqual(['cleanup', 'notice']); // still inside a native call
    busy = false;
    await wait(60);
    expect(events).toEqual(['cleanup', 'notice', 'cleanup', 'exit 130']);
  });

  it('a third signal exits without waiting', async () => {
    const codes: number[] = [];
    let busy = true;
    release = stopOnSignals(new AbortController(), { busy: () => busy, exit: (c) => codes.push(c), notice: () => undefined, maxWaitMs: 60_000 });
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    expect(codes).toEqual([]);
    process.emit('SIGTERM', 'SIGTERM');
    expect(codes).toEqual([130]);
    busy = false; // let the second signal's wait end too
    await wait(40);
    expect(codes).toEqual([130, 130]);
  });
});
