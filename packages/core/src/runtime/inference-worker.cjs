// Worker-thread side of the inference pool: one onnxruntime-node session per worker.
// Plain JS (copied to dist by tsc's allowJs) so the same file runs from source and from dist; CommonJS because a
// worker that loads no ES module skips the ESM loader's set-up (start-up: ~10 ms of CPU less per worker).
// Protocol (parent -> worker): {kind:'open', modelPath, sessionOptions} (first, only for a prewarmed worker, whose
//          workerData is {prewarm: true}: it loads onnxruntime before its model is known)
//          | {kind:'run', id, feeds, outputs?, returnInputs?, reuse?, split?} | {kind:'dispose'}
//          (worker -> parent): warm (a prewarmed worker has loaded onnxruntime) | ready | load-error | result {outputs, inputs?} | run-error {inputs?} | disposed
// Buffers travel both ways by transfer: inputs come back when asked (the parent pools them), and
// `reuse` brings earlier output buffers back, which results are copied into (kept per output name).
// `split` (feeds with a leading dim N > 1): N batch-1 runs on views of the feeds, outputs concatenated
// along dim 0 into one buffer per output (a stashed one when it fits), as a batch-N run would return them.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const ort = require('onnxruntime-node');

// A prewarmed worker waits for its model; meanwhile it sets up onnxruntime's environment, which the
// first session would do otherwise (initOrt: ~35 ms per worker on a 2-core machine, then on the
// start-up path). Same call, same default log level; if this internal entry ever moves, the first
// session does it as before.
if (workerData && workerData.prewarm) {
  try {
    require('onnxruntime-node/dist/binding').initOrt();
  } catch {
    // the first InferenceSession.create initialises it
  }
  // outside onnxruntime from here on: the parent may end this worker safely
  parentPort.postMessage({ kind: 'warm' });
}

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

/** A stashed buffer of this constructor and length (taken out of the stash), else a new one. */
function takeStashed(name, Ctor, length) {
  const list = stash.get(name);
  if (list) {
    const i = list.findIndex((b) => b.constructor === Ctor && b.length === length);
    if (i >= 0) return list.splice(i, 1)[0];
  }
  return new Ctor(length);
}

/** Leading dim N shared by every feed of a split run; 1 when there is nothing to split. */
function splitCount(feeds) {
  if (feeds.length === 0 || feeds[0].dims.length === 0) return 1;
  const n = feeds[0].dims[0];
  for (const f of feeds) if (f.dims.length === 0 || f.dims[0] !== n) throw new Error(`split run: the feeds' leading dims differ (${feeds.map((x) => `[${x.dims.join(', ')}]`).join(', ')})`);
  return n;
}

/**
 * Run `session` once per item along dim 0 of the feeds (`n` of them), each on views of the feeds
 * with dims [1, ...rest], and concatenate every output's items along dim 0 (dims [n, ...rest]).
 */
async function runSplit(session, feeds, wanted, n) {
  const items = feeds.map((f) => ({ name: f.name, type: f.type, dims: [1, ...f.dims.slice(1)], data: f.data, per: f.data.length / n }));
  /** Concatenated outputs in the order of the first run's results. */
  const outs = [];
  try {
    for (let k = 0; k < n; k++) {
      const ortFeeds = {};
      for (const f of items) ortFeeds[f.name] = new ort.Tensor(f.type, f.data.subarray(k * f.per, (k + 1) * f.per), f.dims);
      const res = wanted ? await session.run(ortFeeds, wanted) : await session.run(ortFeeds);
      let j = 0;
      for (const [name, t] of Object.entries(res)) {
        const d = t.data;
        if (!ArrayBuffer.isView(d) || t.dims[0] !== 1) throw new Error(`split run: output "${name}" of one item is ${ArrayBuffer.isView(d) ? `[${t.dims.join(', ')}]` : `of type ${t.type}`}, expected a numeric tensor with leading dim 1`);
        if (k === 0) outs.push({ name, type: t.type, dims: [n, ...t.dims.slice(1)], data: takeStashed(name, d.constructor, n * d.length) });
        const o = outs[j++];
        if (!o || o.name !== name || o.data.constructor !== d.constructor || o.data.length !== n * d.length) throw new Error(`split run: output "${name}" of item ${k} differs in type or size from item 0's`);
        o.data.set(d, k * d.length);
      }
    }
  } catch (err) {
    for (const o of outs) keep(o); // the buffers can hold a later result
    throw err;
  }
  return outs;
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
    const { id, feeds, outputs: wanted, returnInputs, reuse, split } = msg;
    if (reuse) for (const t of reuse) keep(t);
    const inputs = returnInputs ? feeds.map((f) => ({ name: f.name, type: f.type, dims: f.dims, data: f.data })) : undefined;
    try {
      const n = split ? splitCount(feeds) : 1;
      let outputs;
      if (n > 1) {
        outputs = await runSplit(session, feeds, wanted, n);
      } else {
        const ortFeeds = {};
        for (const f of feeds) ortFeeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
        const res = wanted ? await session.run(ortFeeds, wanted) : await session.run(ortFeeds);
        outputs = [];
        // Output buffers belong to this run (or are returned buffers now holding it): hand them over instead of copying.
        for (const [name, t] of Object.entries(res)) outputs.push({ name, type: t.type, dims: [...t.dims], data: intoStashed(name, t.data) });
      }
      parentPort.postMessage({ kind: 'result', id, outputs, inputs }, transferables(inputs ? [...outputs, ...inputs] : outputs));
    } catch (err) {
      parentPort.postMessage({ kind: 'run-error', id, message: message(err) });
    }
  }
}

main();
