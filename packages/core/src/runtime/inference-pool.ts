import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertInteger, assertString } from '../shared/assert.js';
import { DisposedError, InferenceError, ModelLoadError } from '../shared/errors.js';
import type { ModelRunner, RunOptions, TensorInfo, TensorMap } from './model-runner.js';
import { sessionOptions, splitCount, type SessionSettings } from './session-runner.js';
import { INFERENCE_WORKER_URL, takePrewarmedWorker, warmingPrewarmedCount } from './prewarm-workers.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { validateFeeds } from './validate-feeds.js';

/** Options of {@link createInferencePool}. */
export interface InferencePoolOptions extends SessionSettings {
  /** Worker threads, each with its own session (default {@link defaultWorkerCount}). */
  readonly workers?: number;
  /** Name used in errors (default: the file's base name). */
  readonly modelId?: string;
  /** How long `dispose()` waits for a worker to release its session and exit before terminating it (default 5000 ms). */
  readonly disposeTimeoutMs?: number;
  /** @internal Worker script to run instead of the bundled one (tests inject crashes with it). */
  readonly workerUrl?: URL;
}

interface WireTensor {
  name: string;
  type: string;
  dims: number[];
  data: Tensor['data'];
}

interface Job {
  id: number;
  feeds: WireTensor[];
  outputs: readonly string[] | undefined;
  transfer: ArrayBuffer[];
  onInputs: ((inputs: Record<string, Tensor>) => void) | undefined;
  /** Run item by item in the worker ({@link RunOptions.split}); only set when the feeds hold more than one item. */
  split: boolean;
  resolve(v: Record<string, Tensor>): void;
  reject(e: unknown): void;
}

/** Output buffers handed back by `recycle`, waiting to ride along with the next job to a worker (at most this many). */
const MAX_SPARE = 16;

interface Slot {
  worker: Worker;
  busy: Job | null;
  /** Inside onnxruntime (loading, running or releasing), counted in {@link busyWorkerCount}. */
  native: boolean;
  /** `dispose` was posted: the worker is inside onnxruntime until it answers `disposed`. */
  releasing: boolean;
  alive: boolean;
  exited: Promise<void>;
}

let liveWorkers = 0;
let busyWorkers = 0;

/**
 * Number of pool workers that are inside onnxruntime right now: loading a model, running an
 * inference or releasing a session, across all pools, plus prewarmed workers still loading onnxruntime. Ending the process while this is not 0
 * (`process.exit`) tears the worker down under a native call, which aborts the process
 * (`terminate called after throwing an instance of 'Napi::Error'`); a CLI that must exit at once
 * waits for 0 first (it takes at most one inference or model load).
 *
 * ## Example
 * ```ts
 * while (busyWorkerCount() > 0) await new Promise((r) => setTimeout(r, 10));
 * process.exit(130); // no native abort
 * ```
 */
export function busyWorkerCount(): number {
  return busyWorkers + warmingPrewarmedCount();
}
/**
 * Number of pool worker threads currently alive, across all pools (for leak tests).
 *
 * ## Example
 * ```ts
 * const pool = await createInferencePool(file, { workers: 2 }); // liveWorkerCount() grew by 2
 * await pool.dispose(); // back to where it was
 * ```
 */
export function liveWorkerCount(): number {
  return liveWorkers;
}

/**
 * Default worker count for this machine: one per core (`os.availableParallelism()`), at most 4.
 * These models are small, so several single-threaded sessions beat one multi-threaded one.
 *
 * ## Example
 * ```ts
 * defaultWorkerCount(); // 2 on a 2-core machine
 * ```
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Default intra-op threads per worker: the cores divided among the workers, at least 1. */
function defaultIntraOpThreads(workers: number): number {
  return Math.max(1, Math.floor(os.availableParallelism() / workers));
}

function setNative(slot: Slot, native: boolean): void {
  if (slot.native === native) return;
  slot.native = native;
  busyWorkers += native ? 1 : -1;
}

function ownsWholeBuffer(data: Tensor['data']): boolean {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
}

/**
 * Run one model in `workers` worker threads (N workers x `intraOpThreads` threads each; defaults:
 * {@link defaultWorkerCount} workers, cores / workers threads each).
 *
 * Input buffers are transferred to the worker, not copied (the caller's typed arrays are detached
 * after `run`; pass `copyInputs: true` to keep them, and views into a larger buffer are always
 * copied), and outputs are transferred back. With `onInputs` the input buffers come back too, so a
 * caller can pool them; output tensors handed to `recycle` ride along with the next job and the
 * worker copies later results of the same output into them, so a steady stream of runs allocates
 * no new buffers on this thread. With `split` ({@link RunOptions.split}) the worker runs a batch item
 * by item within one job and sends the outputs back concatenated, in one buffer per output (the
 * recycled one when it fits). Feeds are validated against the model's metadata
 * before anything is sent. Results resolve in call order, whichever worker finishes first, and
 * equal an in-process session's outputs (bit for bit at the same thread count).
 *
 * A worker that crashes rejects its in-flight run with {@link InferenceError} and is dropped; the
 * pool keeps running on the others and rejects every run once none is left. `dispose()` rejects
 * queued runs, lets in-flight ones finish, releases every session and resolves once all worker
 * threads have exited ({@link liveWorkerCount} is back where it was). Idle workers are `unref`ed,
 * so a process that forgets to dispose a pool can still exit.
 *
 * ## Example
 * ```ts
 * const pool = await createInferencePool('models/ultraface/version-RFB-320.onnx', { workers: 2 });
 * const results = await Promise.all(tensors.map((t) => pool.run({ input: t }))); // in input order
 * await pool.dispose();
 * ```
 * @throws {ModelLoadError} when a worker cannot load the model (missing file, not ONNX).
 * @throws {RangeError} when `workers`/`intraOpThreads` is not an integer >= 1.
 */
export async function createInferencePool(modelPath: string, options: InferencePoolOptions = {}): Promise<ModelRunner> {
  const n = options.workers ?? defaultWorkerCount();
  assertInteger(n, 'workers', 1, 64);
  if (options.intraOpThreads !== undefined) assertInteger(options.intraOpThreads, 'intraOpThreads', 1, 256);
  assertString(modelPath, 'modelPath');
  const abs = path.resolve(modelPath);
  const modelId = options.modelId ?? path.basename(abs);
  const disposeTimeoutMs = options.disposeTimeoutMs ?? 5000;
  const opts = sessionOptions({ ...options, intraOpThreads: options.intraOpThreads ?? defaultIntraOpThreads(n) });
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let disposed = false;
  let disposing: Promise<void> | undefined;
  let lastInOrder: Promise<unknown> = Promise.resolve();
  let io: { inputs: TensorInfo[]; outputs: TensorInfo[] } | undefined;
  const spare: WireTensor[] = [];

  const rejectQueue = (err: () => Error): void => {
    for (const job of queue.splice(0)) job.reject(err());
  };
  const pump = (): void => {
    for (const slot of slots) {
      if (!slot.alive || slot.busy || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.busy = job;
      slot.worker.ref(); // a run in flight keeps the process alive
      setNative(slot, true);
      // recycled output buffers travel with the job; the worker writes results into them
      const reuse = spare.splice(0);
      const transfer = reuse.length > 0 ? [...job.transfer, ...reuse.map((t) => t.data.buffer as ArrayBuffer)] : job.transfer;
      slot.worker.postMessage({ kind: 'run', id: job.id, feeds: job.feeds, outputs: job.outputs, returnInputs: job.onInputs !== undefined, reuse, split: job.split }, transfer);
    }
  };
  const markDead = (slot: Slot, reason: string, cause?: unknown): void => {
    if (!slot.alive) return;
    slot.alive = false;
    const job = slot.busy;
    slot.busy = null;
    job?.reject(new InferenceError(`Inference worker for model ${modelId} ${reason}`, modelId, { cause }));
    if (slots.length > 0 && slots.every((s) => !s.alive)) {
      rejectQueue(() => new InferenceError(`Model ${modelId}: every inference worker has died (last: ${reason})`, modelId, { cause }));
    } else {
      pump();
    }
  };

  const spawned: Slot[] = [];
  const start = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      // a prewarmed worker (onnxruntime already loading or loaded) is told its model; else a new one gets it as workerData
      const warm = options.workerUrl === undefined ? takePrewarmedWorker() : undefined;
      const worker = warm ?? new Worker(options.workerUrl ?? INFERENCE_WORKER_URL, { workerData: { modelPath: abs, sessionOptions: opts } });
      if (warm) {
        warm.ref(); // loading keeps the process alive, as for a new worker
        warm.postMessage({ kind: 'open', modelPath: abs, sessionOptions: opts });
      }
      liveWorkers++;
      let ready = false;
      let onExit!: () => void;
      const slot: Slot = { worker, busy: null, native: false, releasing: false, alive: true, exited: new Promise<void>((r) => (onExit = r)) };
      setNative(slot, true); // loading the model
      spawned.push(slot);
      worker.once('exit', (code) => {
        liveWorkers--;
        setNative(slot, false);
        onExit();
        if (!ready) reject(new ModelLoadError(`Inference worker for model ${modelId} exited (code ${code}) before loading ${abs}`, modelId));
        if (!disposed) markDead(slot, `exited unexpectedly (code ${code})`);
        slot.alive = false;
        const job = slot.busy;
        slot.busy = null;
        job?.reject(new DisposedError('model runner', modelId, `Model ${modelId} was disposed before this run finished`));
      });
      worker.on('error', (err) => {
        if (!ready) reject(new ModelLoadError(`Inference worker for model ${modelId} failed while loading ${abs}: ${err.message}`, modelId, { cause: err }));
        markDead(slot, `crashed: ${err.message}`, err);
      });
      worker.on('message', (msg) => {
        if (msg.kind === 'warm') return; // a prewarmed worker done loading onnxruntime; its model is still loading
        if (!slot.releasing || msg.kind === 'disposed') setNative(slot, false);
        if (msg.kind === 'ready') {
          ready = true;
          worker.unref();
          io = { inputs: msg.inputs, outputs: msg.outputs };
          resolve(slot);
        } else if (msg.kind === 'load-error') {
          reject(new ModelLoadError(`onnxruntime could not load model ${modelId} from ${abs}: ${msg.message}`, modelId));
        } else if (msg.kind === 'result' || msg.kind === 'run-error') {
          const job = slot.busy;
          slot.busy = null;
          slot.worker.unref(); // idle workers do not keep the process alive (pump re-refs on the next job)
          if (job && job.id === msg.id) {
            if (msg.kind === 'result') {
              const out: Record<string, Tensor> = {};
              for (const t of msg.outputs as WireTensor[]) out[t.name] = { type: t.type as DType, dims: t.dims, data: t.data };
              if (job.onInputs && msg.inputs) {
                const back: Record<string, Tensor> = {};
                for (const t of msg.inputs as WireTensor[]) back[t.name] = { type: t.type as DType, dims: t.dims, data: t.data };
                try {
                  job.onInputs(back);
                } catch {
                  // a caller's pooling callback must not break the run
                }
              }
              job.resolve(out);
            } else {
              job.reject(new InferenceError(`Inference failed in model ${modelId}: ${msg.message}`, modelId));
            }
          }
          pump();
        }
      });
    });

  const started = await Promise.allSettled(Array.from({ length: n }, start));
  for (const s of started) if (s.status === 'fulfilled') slots.push(s.value);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    disposed = true;
    await Promise.all(
      spawned.map(async (s) => {
        await s.worker.terminate();
        await s.exited;
      }),
    );
    throw failed.reason;
  }
  const { inputs, outputs } = io!;

  const shutdown = async (): Promise<void> => {
    rejectQueue(() => new DisposedError('model runner', modelId, `Model ${modelId} was disposed`));
    await Promise.all(
      slots.map(async (slot) => {
        slot.worker.ref();
        if (slot.alive) {
          slot.releasing = true;
          setNative(slot, true); // releasing the session (after a run in flight), until 'disposed'
          slot.worker.postMessage({ kind: 'dispose' });
        }
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([slot.exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), disposeTimeoutMs)))]);
        clearTimeout(timer);
        if (timedOut) await slot.worker.terminate();
        await slot.exited;
        slot.alive = false;
      }),
    );
  };

  return {
    modelPath: abs,
    modelId,
    inputs,
    outputs,
    run(feeds: TensorMap, runOptions: RunOptions = {}) {
      if (disposed) return Promise.reject(new DisposedError('model runner', modelId, `Model ${modelId} was disposed`));
      if (!slots.some((s) => s.alive)) return Promise.reject(new InferenceError(`Model ${modelId}: every inference worker has died`, modelId));
      let split = false;
      try {
        validateFeeds(modelId, inputs, outputs, feeds, runOptions.outputs);
        split = runOptions.split === true && splitCount(modelId, feeds) > 1;
      } catch (err) {
        return Promise.reject(err);
      }
      const wire: WireTensor[] = [];
      const transfer: ArrayBuffer[] = [];
      for (const [name, t] of Object.entries(feeds)) {
        let data = t.data;
        if (runOptions.copyInputs || !ownsWholeBuffer(data) || transfer.includes(data.buffer as ArrayBuffer)) data = data.slice() as Tensor['data'];
        transfer.push(data.buffer as ArrayBuffer);
        wire.push({ name, type: t.type, dims: [...t.dims], data });
      }
      const raw = new Promise<Record<string, Tensor>>((resolve, reject) => {
        queue.push({ id: nextId++, feeds: wire, outputs: runOptions.outputs ? [...runOptions.outputs] : undefined, transfer, onInputs: runOptions.onInputs, split, resolve, reject });
        pump();
      });
      // Resolve in call order: wait for every earlier call to settle first.
      const prev = lastInOrder;
      const ordered = raw.then(
        async (r) => {
          await prev;
          return r;
        },
        async (e) => {
          await prev;
          throw e;
        },
      );
      lastInOrder = ordered.catch(() => undefined);
      return ordered;
    },
    recycle(outputs: TensorMap) {
      if (disposed) return;
      for (const [name, t] of Object.entries(outputs)) {
        const data = t.data;
        if (spare.length >= MAX_SPARE || data.byteLength === 0 || !ownsWholeBuffer(data) || spare.some((s) => s.data.buffer === data.buffer)) continue;
        spare.push({ name, type: t.type, dims: [...t.dims], data });
      }
    },
    dispose() {
      if (!disposing) {
        disposed = true;
        disposing = shutdown();
      }
      return disposing;
    },
  };
}
