import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ModelLoadError } from './errors.js';
import type { ModelRunner, TensorInfo, TensorMap } from './model-runner.js';
import { sessionOptions, type SessionSettings } from './session-runner.js';
import type { DType, Tensor } from './tensor.js';

/** Options of {@link createInferencePool}. */
export interface InferencePoolOptions extends SessionSettings {
  /** Worker threads, each with its own session (default: `min(2, cores)`). */
  readonly workers?: number;
  readonly modelId?: string;
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
  resolve(v: Record<string, Tensor>): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  busy: Job | null;
}

let liveWorkers = 0;
/** Number of pool worker threads currently alive (for leak tests). */
export function liveWorkerCount(): number {
  return liveWorkers;
}

/** Default worker count for this machine: one per core, at most 2 (what pays off for these small models). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

function ownsWholeBuffer(data: Tensor['data']): boolean {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !(data.buffer instanceof SharedArrayBuffer);
}

/**
 * Run one model in `workers` worker threads (N workers x `intraOpThreads` threads each).
 *
 * Input buffers are transferred to the worker, not copied (the caller's typed arrays are detached
 * after `run`; pass `copyInputs: true` to keep them), and outputs are transferred back. Results
 * resolve in call order, whichever worker finishes first. Outputs equal an in-process session's.
 *
 * @throws {ModelLoadError} when a worker cannot load the model.
 */
export async function createInferencePool(modelPath: string, options: InferencePoolOptions = {}): Promise<ModelRunner> {
  const n = options.workers ?? defaultWorkerCount();
  const modelId = options.modelId ?? modelPath;
  const opts = sessionOptions({ ...options, intraOpThreads: options.intraOpThreads ?? 1 });
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let disposed = false;
  let lastInOrder: Promise<unknown> = Promise.resolve();
  let io: { inputs: TensorInfo[]; outputs: TensorInfo[] } | undefined;

  const fail = (slot: Slot, err: unknown): void => {
    const job = slot.busy;
    slot.busy = null;
    job?.reject(err);
  };
  const pump = (): void => {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.busy = job;
      slot.worker.postMessage({ kind: 'run', id: job.id, feeds: job.feeds, outputs: job.outputs }, job.transfer);
    }
  };

  const start = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./inference-worker.js', import.meta.url), { workerData: { modelPath, sessionOptions: opts } });
      liveWorkers++;
      worker.once('exit', () => {
        liveWorkers--;
        fail(slot, new ModelLoadError(`Inference worker for ${modelId} exited`, modelId));
      });
      const slot: Slot = { worker, busy: null };
      worker.on('error', (err) => {
        reject(new ModelLoadError(`Inference worker for ${modelId} failed: ${err.message}`, modelId, { cause: err }));
        fail(slot, err);
      });
      worker.on('message', (msg) => {
        if (msg.kind === 'ready') {
          io = { inputs: msg.inputs, outputs: msg.outputs };
          resolve(slot);
        } else if (msg.kind === 'load-error') {
          reject(new ModelLoadError(`onnxruntime could not load model ${modelId} from ${modelPath}: ${msg.message}`, modelId));
        } else if (msg.kind === 'result' || msg.kind === 'run-error') {
          const job = slot.busy;
          slot.busy = null;
          if (job && job.id === msg.id) {
            if (msg.kind === 'result') {
              const out: Record<string, Tensor> = {};
              for (const t of msg.outputs as WireTensor[]) out[t.name] = { type: t.type as DType, dims: t.dims, data: t.data };
              job.resolve(out);
            } else {
              job.reject(new Error(`Inference failed in ${modelId}: ${msg.message}`));
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
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw failed.reason;
  }

  return {
    modelPath,
    modelId,
    inputs: io!.inputs,
    outputs: io!.outputs,
    run(feeds: TensorMap, runOptions = {}) {
      if (disposed) return Promise.reject(new ModelLoadError(`Model ${modelId} was disposed`, modelId));
      const wire: WireTensor[] = [];
      const transfer: ArrayBuffer[] = [];
      for (const [name, t] of Object.entries(feeds)) {
        let data = t.data;
        if (runOptions.copyInputs || !ownsWholeBuffer(data)) data = data.slice() as Tensor['data'];
        if (!transfer.includes(data.buffer as ArrayBuffer)) transfer.push(data.buffer as ArrayBuffer);
        wire.push({ name, type: t.type, dims: [...t.dims], data });
      }
      const raw = new Promise<Record<string, Tensor>>((resolve, reject) => {
        queue.push({ id: nextId++, feeds: wire, outputs: runOptions.outputs, transfer, resolve, reject });
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
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const job of queue.splice(0)) job.reject(new ModelLoadError(`Model ${modelId} was disposed`, modelId));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
