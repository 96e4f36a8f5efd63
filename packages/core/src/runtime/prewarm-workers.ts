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
  /** Removes the listeners that watch a waiting spare. */
  readonly detach: () => void;
}

const spares: Spare[] = [];

/**
 * Start up to `count` inference workers now (counting those already waiting), each loading
 * onnxruntime-node and then waiting for a model. They never keep the process alive; unclaimed ones
 * are ended by {@link discardPrewarmedWorkers}. Only the default worker script is prewarmed (a pool
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
    const worker = new Worker(INFERENCE_WORKER_URL, { workerData: { prewarm: true } });
    worker.unref();
    const drop = (): void => {
      const i = spares.findIndex((s) => s.worker === worker);
      if (i >= 0) spares.splice(i, 1)[0]!.detach();
    };
    // a spare that fails to start (onnxruntime cannot load) is dropped; the pool then spawns its own and reports the failure
    const onError = (): void => drop();
    worker.on('error', onError);
    worker.once('exit', drop);
    spares.push({
      worker,
      detach: () => {
        worker.off('error', onError);
        worker.off('exit', drop);
      },
    });
  }
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
  return spare.worker;
}

/** Prewarmed workers still waiting (not taken by a pool). */
export function prewarmedWorkerCount(): number {
  return spares.length;
}

/**
 * End every prewarmed worker no pool has taken (when all models are open).
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
      s.detach();
      s.worker.on('error', () => undefined);
      await s.worker.terminate();
    }),
  );
}
