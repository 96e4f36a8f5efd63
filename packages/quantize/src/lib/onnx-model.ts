import fs from 'node:fs';
import onnxProto from 'onnx-proto';
import { NotOnnxError } from './errors.js';

/** The `onnx` protobuf namespace of `onnx-proto` (ModelProto, GraphProto, NodeProto, TensorProto…). */
export const onnx = onnxProto.onnx;
/** A decoded ONNX model. */
export type OnnxModel = onnxProto.onnx.ModelProto;
/** A decoded ONNX tensor (initializer). */
export type OnnxTensor = onnxProto.onnx.TensorProto;
/** A decoded ONNX node. */
export type OnnxNode = onnxProto.onnx.NodeProto;

/**
 * Decode an ONNX model from a file path or its bytes. Nothing is changed: encoding the result with
 * {@link encodeOnnxModel} gives a model ORT loads identically.
 *
 * ## Example
 * ```ts
 * const model = readOnnxModel('version-RFB-320_simplified.onnx');
 * model.graph.node.length; // 110
 * ```
 * @throws {NotOnnxError} when the bytes are not protobuf or carry no graph with nodes.
 * @throws {ModelLoadError} (as NotOnnxError's base) when the file cannot be read.
 */
export function readOnnxModel(source: string | Uint8Array): OnnxModel {
  const label = typeof source === 'string' ? source : `<${source.length} bytes>`;
  let bytes: Uint8Array;
  try {
    bytes = typeof source === 'string' ? fs.readFileSync(source) : source;
  } catch (cause) {
    throw new NotOnnxError(`Cannot read model file ${label}: ${(cause as Error).message}`, label, { cause });
  }
  let model: OnnxModel;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new NotOnnxError(`Not an ONNX model (protobuf decoding failed: ${(cause as Error).message}): ${label}`, label, { cause });
  }
  if (!model.graph || !model.graph.node || model.graph.node.length === 0 || model.opsetImport.length === 0) {
    throw new NotOnnxError(`Not an ONNX model (no graph nodes or opset imports): ${label}`, label);
  }
  return model;
}

/**
 * Encode a model to ONNX protobuf bytes.
 *
 * ## Example
 * ```ts
 * fs.writeFileSync('copy.onnx', encodeOnnxModel(readOnnxModel('model.onnx')));
 * ```
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Deep copy of a model (encode then decode), so graph edits never touch the original.
 *
 * ## Example
 * ```ts
 * const copy = cloneOnnxModel(model);
 * ```
 */
export function cloneOnnxModel(model: OnnxModel): OnnxModel {
  return onnx.ModelProto.decode(encodeOnnxModel(model));
}

/** A decoded ONNX graph, with the element types protobufjs actually decodes (classes, not the loose `I*` interfaces). */
export interface OnnxGraph extends Omit<onnxProto.onnx.GraphProto, 'node' | 'initializer' | 'input' | 'output' | 'valueInfo'> {
  node: OnnxNode[];
  initializer: OnnxTensor[];
  input: onnxProto.onnx.ValueInfoProto[];
  output: onnxProto.onnx.ValueInfoProto[];
  valueInfo: onnxProto.onnx.ValueInfoProto[];
}

/**
 * The graph of a decoded model, typed as the decoded class (protobufjs types `model.graph` as the
 * loose `IGraphProto` interface).
 *
 * ## Example
 * ```ts
 * graphOf(model).node.length; // 110
 * ```
 * @throws {NotOnnxError} when the model has no graph.
 */
export function graphOf(model: OnnxModel): OnnxGraph {
  if (!model.graph) throw new NotOnnxError('ONNX model without a graph', model.producerName || '<model>');
  return model.graph as unknown as OnnxGraph;
}
