// Worker-thread side of the inference pool: one onnxruntime-node session per worker.
// Plain JS (copied to dist by tsc's allowJs) so the same file runs from source and from dist.
// Protocol (parent -> worker): {kind:'run', id, feeds, outputs?} | {kind:'dispose'}
//          (worker -> parent): ready | load-error | result | run-error | disposed
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const { modelPath, sessionOptions } = workerData;

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

async function main() {
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
    const { id, feeds, outputs: wanted } = msg;
    try {
      const ortFeeds = {};
      for (const f of feeds) ortFeeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
      const res = wanted ? await session.run(ortFeeds, wanted) : await session.run(ortFeeds);
      const outputs = [];
      // Output buffers belong to this run: hand them over instead of copying.
      for (const [name, t] of Object.entries(res)) outputs.push({ name, type: t.type, dims: [...t.dims], data: t.data });
      parentPort.postMessage({ kind: 'result', id, outputs }, transferables(outputs));
    } catch (err) {
      parentPort.postMessage({ kind: 'run-error', id, message: message(err) });
    }
  }
}

main();
