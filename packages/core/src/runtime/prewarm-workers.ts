import { Worker } from 'node:worker_threads';

/**
 * Inference workers started ahead of their model: each loads onnxruntime-node at once and waits for
 * the model to open (`createInferencePool` takes them before spawning new ones). A command that knows
 * early how many sessions it will open starts them before loading the rest of its code, so the
 * workers' start-up (a new isolate, onnxruntime's binding) overlaps the main thread's module loading.
 *
 * This module imports nothing but `node:worker_threads`: it is its own entry
 * (`@facepipe/core/prewarm`), so calling it costs no load of the package's index.
 */

/** The worker script of the pool (plain CommonJS beside this file in src and dist). @internal */
export const INFERENCE_WORKER_URL = new URL('./inference-worker.cjs', import.meta.url);

interface Spare {
  readonly worker: Worker;
  /** Settles once the spare is outside onnxruntime: it reported `warm`, failed or exited. */
  readonly settled: Promise<void>;
  /** Still loading onnxruntime (ending it now would abort the process). */
  warming: boolean;
  /** Removes the listeners that watch a waiting spare. */
  readonly detach: () => void;
}

const spares: Spare[] = [];
/** Spares (waiting, or being discarded) still loading onnxruntime; a taken one is counted by its pool from then on. */
let warming = 0;

/**
 * Start up to `count` inference workers now (counting those already waiting), each loading
 * onnxruntime-node and then waiting for a model. A worker keeps the process alive only while it loads
 * onnxruntime (tens of milliseconds: ending a process under that native load aborts it), not while
 * it waits; unclaimed ones are ended by {@link discardPrewarmedWorkers}. Only the default worker script is prewarmed (a pool
 * with its own `workerUrl` always spawns its own).
 *
 * ## Example
 * ```ts
 * import { prewarmInferenceWorkers } from '@facepipe/core/prewarm';
 * prewarmInferenceWorkers(3); // before importing the pipeline's modules
 * const { FaceDetector } = await import('@facepipe/detector'); // its pool takes a warm worker
 * ```
 */
export function prewarmInferenceWorkers(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Expected \`count\` to be an integer >= 0, got \`${String(count)}\``);
  while (spares.length < count) {
    // kept alive while it loads onnxruntime (a process ending under that native load aborts), idle after
    const worker = new Worker(INFERENCE_WORKER_URL, { workerData: { prewarm: true } });
    let settle!: () => void;
    const spare: Spare = {
      worker,
      warming: true,
      settled: new Promise<void>((resolve) => (settle = resolve)),
      detach: () => {
        worker.off('message', onMessage);
        worker.off('error', drop);
        worker.off('exit', drop);
      },
    };
    const calm = (): void => {
      if (!spare.warming) return;
      spare.warming = false;
      warming--;
      if (spares.includes(spare)) worker.unref(); // a waiting spare never keeps the process alive
      settle();
    };
    const drop = (): void => {
      calm();
      const i = spares.indexOf(spare);
      if (i >= 0) spares.splice(i, 1)[0]!.detach();
    };
    const onMessage = (msg: { kind?: string }): void => {
      if (msg.kind === 'warm') calm();
    };
    worker.on('message', onMessage);
    // a spare that fails to start (onnxruntime cannot load) is dropped; the pool then spawns its own and reports the failure
    worker.on('error', drop);
    worker.once('exit', drop);
    spares.push(spare);
    warming++;
  }
}

/**
 * Prewarmed workers still loading onnxruntime, not taken by a pool (waiting, or being discarded):
 * counted in `busyWorkerCount`, since ending the process under that load aborts it.
 * @internal
 */
export function warmingPrewarmedCount(): number {
  return warming;
}

/**
 * A waiting prewarmed worker, removed from the spares (the caller posts it `{ kind: 'open', modelPath,
 * sessionOptions }` and owns it from then on), or `undefined` when none waits.
 * @internal
 */
export function takePrewarmedWorker(): Worker | undefined {
  const spare = spares.shift();
  if (!spare) return undefined;
  spare.detach();
  if (spare.warming) {
    spare.warming = false; // its pool counts it as loading from now on
    warming--;
  }
  return spare.worker;
}

/** Prewarmed workers still waiting (not taken by a pool). */
export function prewarmedWorkerCount(): number {
  return spares.length;
}

/**
 * End every prewarmed worker no pool has taken (when all models are open, or when the command ends
 * without opening them). A spare still loading onnxruntime is let finish that first (tens of
 * milliseconds): ending a worker inside the native load aborts the whole process.
 *
 * ## Example
 * ```ts
 * const pipeline = await openModels();
 * await discardPrewarmedWorkers();
 * ```
 */
export async function discardPrewarmedWorkers(): Promise<void> {
  const list = spares.splice(0);
  await Promise.all(
    list.map(async (s) => {
      s.worker.on('error', () => undefined);
      if (s.warming) await s.settled; // still referenced while it loads: the wait keeps the process alive
      s.detach();
      await s.worker.terminate();
    }),
  );
}
