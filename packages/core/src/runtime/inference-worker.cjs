// Worker-thread side of the inference pool: one onnxruntime-node session per worker.
// Plain JS (copied to dist by tsc's allowJs) so the same file runs from source and from dist; CommonJS because a
// worker that loads no ES module skips the ESM loader's set-up (start-up: ~10 ms of CPU less per worker).
// Protocol (parent -> worker): {kind:'open', modelPath, sessionOptions} (first, only for a prewarmed worker, whose
//          workerData is {prewarm: true}: it loads onnxruntime before its model is known)
//          | {kind:'run', id, feeds, outputs?, returnInputs?, reuse?} | {kind:'dispose'}
//          (worker -> parent): ready | load-error | result {outputs, inputs?} | run-error {inputs?} | disposed
// Buffers travel both ways by transfer: inputs come back when asked (the parent pools them), and
// `reuse` brings earlier output buffers back, which results are copied into (kept per output name).
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const ort = require('onnxruntime-node');

/** The model to open: from workerData, or (prewarmed worker) from the first message. */
const target = () =>
  workerData && !workerData.prewarm
    ? Promise.resolve(workerData)
    : new Promise((resolve) => parentPort.once('message', (msg) => resolve(msg)));

function transferables(tensors) {
  const list = [];
  for (const t of tensors) {
    const buf = t.data.buffer;
    if (!(buf instanceof ArrayBuffer) || list.includes(buf)) continue;
    list.push(buf);
  }
  return list;
}

const message = (err) => String(err && err.message ? err.message : err);

/** Returned output buffers by output name, at most 2 each. */
const stash = new Map();
function keep(t) {
  let list = stash.get(t.name);
  if (!list) stash.set(t.name, (list = []));
  if (list.length < 2) list.push(t.data);
}
/** A stashed buffer of the same type and length as `data`, filled with it; else `data` itself. */
function intoStashed(name, data) {
  const list = stash.get(name);
  if (list) {
    const i = list.findIndex((b) => b.constructor === data.constructor && b.length === data.length);
    if (i >= 0) {
      const b = list.splice(i, 1)[0];
      b.set(data);
      return b;
    }
  }
  return data;
}

async function main() {
  const { modelPath, sessionOptions } = await target();
  let session;
  try {
    session = await ort.InferenceSession.create(modelPath, sessionOptions);
  } catch (err) {
    parentPort.postMessage({ kind: 'load-error', message: message(err) });
    parentPort.close();
    return;
  }
  const meta = (m) => ({ name: m.name, type: m.isTensor ? m.type : 'non-tensor', dims: m.isTensor ? m.shape.map((d) => (typeof d === 'number' ? d : String(d))) : [] });
  parentPort.postMessage({ kind: 'ready', inputs: session.inputMetadata.map(meta), outputs: session.outputMetadata.map(meta) });

  // Runs are serialised here too, so a dispose never releases the session under a running job.
  let current = Promise.resolve();
  parentPort.on('message', (msg) => {
    current = current.then(() => handle(msg));
  });

  async function handle(msg) {
    if (msg.kind === 'dispose') {
      await session.release();
      parentPort.postMessage({ kind: 'disposed' });
      parentPort.close(); // lets the thread exit on its own
      return;
    }
    const { id, feeds, outputs: wanted, returnInputs, reuse } = msg;
    if (reuse) for (const t of reuse) keep(t);
    const inputs = returnInputs ? feeds.map((f) => ({ name: f.name, type: f.type, dims: f.dims, data: f.data })) : undefined;
    try {
      const ortFeeds = {};
      for (const f of feeds) ortFeeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
      const res = wanted ? await session.run(ortFeeds, wanted) : await session.run(ortFeeds);
      const outputs = [];
      // Output buffers belong to this run (or are returned buffers now holding it): hand them over instead of copying.
      for (const [name, t] of Object.entries(res)) outputs.push({ name, type: t.type, dims: [...t.dims], data: intoStashed(name, t.data) });
      parentPort.postMessage({ kind: 'result', id, outputs, inputs }, transferables(inputs ? [...outputs, ...inputs] : outputs));
    } catch (err) {
      parentPort.postMessage({ kind: 'run-error', id, message: message(err) });
    }
  }
}

main();
