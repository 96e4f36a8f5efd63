// Worker-thread side of the inference pool: one onnxruntime-node session per worker.
// Plain JS (copied to dist by tsc's allowJs) so the same file runs from source and from dist.
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const { modelPath, sessionOptions } = workerData;

function transferables(tensors) {
  const list = [];
  for (const t of tensors) if (!list.includes(t.data.buffer)) list.push(t.data.buffer);
  return list;
}

async function main() {
  let session;
  try {
    session = await ort.InferenceSession.create(modelPath, sessionOptions);
  } catch (err) {
    parentPort.postMessage({ kind: 'load-error', message: String(err && err.message ? err.message : err) });
    return;
  }
  const meta = (m) => ({ name: m.name, type: m.isTensor ? m.type : 'non-tensor', dims: m.isTensor ? m.shape.map((d) => (typeof d === 'number' ? d : String(d))) : [] });
  parentPort.postMessage({ kind: 'ready', inputs: session.inputMetadata.map(meta), outputs: session.outputMetadata.map(meta) });
  parentPort.on('message', async (msg) => {
    if (msg.kind === 'dispose') {
      await session.release();
      parentPort.postMessage({ kind: 'disposed' });
      return;
    }
    const { id, feeds, outputs: wanted } = msg;
    try {
      const ortFeeds = {};
      for (const f of feeds) ortFeeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
      const res = wanted ? await session.run(ortFeeds, wanted) : await session.run(ortFeeds);
      const outputs = [];
      for (const [name, t] of Object.entries(res)) {
        // Output buffers belong to this run; hand them over instead of copying.
        outputs.push({ name, type: t.type, dims: [...t.dims], data: t.data });
      }
      parentPort.postMessage({ kind: 'result', id, outputs, inputs: feeds }, transferables([...outputs, ...feeds]));
    } catch (err) {
      parentPort.postMessage({ kind: 'run-error', id, message: String(err && err.message ? err.message : err), inputs: feeds }, transferables(feeds));
    }
  });
}

main();
