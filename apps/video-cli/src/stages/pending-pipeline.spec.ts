import { createFrame, withResults, type Frame } from '@facepipe/core';
import { Subject, map, type OperatorFunction } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pendingPipeline } from './pending-pipeline.js';
import type { StagePipeline } from './stage-pipeline.js';

const frame = (index: number): Frame => createFrame({ data: new Uint8Array(3), width: 1, height: 1, index });

/** A promise with its resolve/reject exposed. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** An open pipeline whose operator tags each frame with the kind it was asked for. */
function fakePipeline(log: string[]): StagePipeline {
  const op = (kind?: string): OperatorFunction<Frame, Frame> => map((f) => withResults(f, { faces: [], mask: undefined, tag: `${kind}:${f.index}` } as never));
  return {
    stages: ['detect'],
    sessions: [{ stage: 'detect', model: 'm', intraOpThreads: 1 }],
    operator: op,
    mask: () => undefined,
    dispose: async () => void log.push('disposed'),
  };
}

const tags = (frames: Frame[]): string[] => frames.map((f) => (f.results as unknown as { tag: string }).tag);

describe('pendingPipeline', () => {
  it('subscribes to the frames at once, holds them while the models open, then feeds them through in order', async () => {
    const log: string[] = [];
    const opening = deferred<StagePipeline>();
    const source = new Subject<Frame>();
    const out: Frame[] = [];
    let done = false;
    const p = pendingPipeline(opening.promise, ['detect']);
    source.pipe(p.operator('video')).subscribe({ next: (f) => out.push(f), complete: () => (done = true) });
    expect(source.observed).toBe(true); // decoding can start before the models are open
    source.next(frame(0));
    source.next(frame(1));
    await Promise.resolve();
    expect(out).toEqual([]);
    expect(() => p.mask(frame(0))).toThrow(/still opening/);
    opening.resolve(fakePipeline(log));
    await opening.promise;
    await Promise.resolve();
    expect(tags(out)).toEqual(['video:0', 'video:1']);
    source.next(frame(2));
    source.complete();
    expect(tags(out)).toEqual(['video:0', 'video:1', 'video:2']);
    expect(done).toBe(true);
    expect(p.sessions).toEqual([{ stage: 'detect', model: 'm', intraOpThreads: 1 }]);
    await p.dispose();
    expect(log).toEqual(['disposed']);
  });

  it('a source that ends while held ends the output after the held frames', async () => {
    const opening = deferred<StagePipeline>();
    const source = new Subject<Frame>();
    const out: Frame[] = [];
    let done = false;
    source.pipe(pendingPipeline(opening.promise, ['detect']).operator()).subscribe({ next: (f) => out.push(f), complete: () => (done = true) });
    source.next(frame(0));
    source.complete();
    opening.resolve(fakePipeline([]));
    await opening.promise;
    await Promise.resolve();
    expect(tags(out)).toEqual(['undefined:0']);
    expect(done).toBe(true);
  });

  it('models that fail to open are an error notification, and the source is let go', async () => {
    const opening = deferred<StagePipeline>();
    const source = new Subject<Frame>();
    let error: unknown;
    source.pipe(pendingPipeline(opening.promise, ['detect']).operator()).subscribe({ error: (e: unknown) => (error = e) });
    source.next(frame(0));
    const boom = new Error('model not found');
    opening.reject(boom);
    await opening.promise.catch(() => undefined);
    await Promise.resolve();
    expect(error).toBe(boom);
    expect(source.observed).toBe(false);
  });

  it('unsubscribing before the models are open lets the source go; the later opening feeds nothing', async () => {
    const opening = deferred<StagePipeline>();
    const source = new Subject<Frame>();
    const out: Frame[] = [];
    const sub = source.pipe(pendingPipeline(opening.promise, ['detect']).operator()).subscribe((f) => out.push(f));
    source.next(frame(0));
    sub.unsubscribe();
    expect(source.observed).toBe(false);
    opening.resolve(fakePipeline([]));
    await opening.promise;
    await Promise.resolve();
    expect(out).toEqual([]);
  });

  it('a decoder error while held arrives after the held frames', async () => {
    const opening = deferred<StagePipeline>();
    const source = new Subject<Frame>();
    const out: Frame[] = [];
    let error: unknown;
    source.pipe(pendingPipeline(opening.promise, ['detect']).operator()).subscribe({ next: (f) => out.push(f), error: (e: unknown) => (error = e) });
    source.next(frame(0));
    const bad = new Error('decoder died');
    source.error(bad);
    opening.resolve(fakePipeline([]));
    await opening.promise;
    await Promise.resolve();
    expect(tags(out)).toEqual(['undefined:0']);
    expect(error).toBe(bad);
  });
});
