import { identifyModel, ModelLoadError, modelRegistry, type ModelIdentification, type ModelSpec, type ModelTask, type TensorInfo } from '@facepipe/core';
import { UsageError } from '../shared/usage-error.js';
import { checkModelArg } from '../shared/check-model-arg.js';
import { int8Variant } from './int8-variant.js';
import './register-stages.js';

/** The model a stage opens, and the id/path it stands for (the preset of an int8 variant). */
export interface StageModel {
  /** Registry id or path to open. */
  readonly model: string;
  /** The fp32 id or path the user asked for. */
  readonly base: string;
  /**
   * For a model file (not a registry id): the registry model it is (by sha256) or is driven like
   * (by I/O signature, or as stated with `--<stage>-family`); undefined when none could be told.
   */
  readonly spec?: ModelSpec;
  /** How `spec` was found. */
  readonly identifiedBy?: 'sha256' | 'signature' | 'family';
}

/** How {@link stageModel} identifies a model file given by path. */
export interface StageModelIdentity {
  readonly task: ModelTask;
  /** The flag naming the model (`--segmenter`), for messages. */
  readonly flag: string;
  /** The registry id the user stated the file's family as (`--segmenter-family`). */
  readonly family?: string | undefined;
  /** Fail when the file cannot be identified (the stage has no way to drive an unknown model). */
  readonly required?: boolean;
}

const tensors = (list: readonly TensorInfo[]): string => list.map((t) => `"${t.name}" [${t.dims.join(',')}]`).join(', ') || 'none';

function describe(spec: ModelSpec): string {
  // the head's named output tensors (string fields besides `kind`); heads with fixed per-stride names show their kind
  const outs = Object.entries(spec.head).filter(([k, v]) => k !== 'kind' && typeof v === 'string').map(([, v]) => `"${v as string}"`);
  return `${spec.id} (input "${spec.input.name}" ${spec.input.width}x${spec.input.height} -> ${outs.length ? outs.join(', ') : `${spec.head.kind} outputs`})`;
}

function unidentified(file: string, who: StageModelIdentity, id: ModelIdentification): ModelLoadError {
  const known = modelRegistry.list().filter((s) => s.task === who.task);
  const why =
    id.candidates.length > 1
      ? `its tensors fit several registry models that are prepared or decoded differently: ${id.candidates.map((s) => s.id).join(', ')}`
      : `its tensors (inputs ${tensors(id.inputs)}; outputs ${tensors(id.outputs)}) match none of the registry's ${who.task} models: ${known.map(describe).join('; ')}`;
  return new ModelLoadError(
    `${who.flag} ${file}: facepipe does not recognise this model. Its sha256 (${id.sha256.slice(0, 16)}…) is not in the registry and ${why}.\n` +
      `If it is one of these families (same input and output layout), say which: ${who.flag}-family <${known.map((s) => s.id).join('|')}>`,
    file,
  );
}

/**
 * Pick the model file of a stage: the given id/path, or its int8 variant with `int8`. With
 * `identity`, a model file (not a registry id) is identified by content, never by its name: by
 * sha256 against the registry, else by its I/O signature among the models of the task, or as the
 * family the user stated (`--segmenter-family prisma-unet-256`).
 *
 * ## Example
 * ```ts
 * await stageModel('pfld-ghostone-98', true); // { model: 'pfld-ghostone-98-int8', base: 'pfld-ghostone-98' }
 * await stageModel('/tmp/portrait.onnx', false, { task: 'segmentation', flag: '--segmenter' });
 * // { model: '/tmp/portrait.onnx', base: '/tmp/portrait.onnx', spec: <prisma-unet-256>, identifiedBy: 'sha256' }
 * ```
 * @throws {ModelLoadError} when `int8` is set and no quantized file exists (the message says how to make one); when the file is a
 * registry model of another task; with `required`, when the file cannot be identified (the message says how to state its family).
 * @throws {UsageError} when `idOrPath` is neither a registry id nor an existing file (named with `identity.flag`); when the stated family is no registry model of the task, or is given for a registry id.
 */
export async function stageModel(idOrPath: string, int8: boolean, identity?: StageModelIdentity): Promise<StageModel> {
  checkModelArg(idOrPath, identity?.flag ?? 'model');
  const model = int8 ? await int8Variant(idOrPath) : idOrPath;
  if (!identity) return { model, base: idOrPath };
  const known = (): string => modelRegistry.list().filter((s) => s.task === identity.task).map((s) => s.id).join(', ');
  if (modelRegistry.get(idOrPath)) {
    if (identity.family !== undefined) throw new UsageError(`${identity.flag}-family is for model files; ${idOrPath} is a registry id (its family is known)`);
    return { model, base: idOrPath };
  }
  if (identity.family !== undefined) {
    const spec = modelRegistry.get(identity.family);
    if (!spec || spec.task !== identity.task) throw new UsageError(`${identity.flag}-family ${identity.family}: expected the id of a registry ${identity.task} model (${known()})`);
    return { model, base: idOrPath, spec, identifiedBy: 'family' };
  }
  const id = await identifyModel(model, { task: identity.task });
  if (id.spec && id.spec.task !== identity.task) {
    throw new ModelLoadError(`${identity.flag} ${model}: this file is the registry model ${id.spec.id} (same sha256), a ${id.spec.task} model, not a ${identity.task} model (${known()})`, model);
  }
  if (id.spec && id.by) return { model, base: idOrPath, spec: id.spec, identifiedBy: id.by };
  if (identity.required) throw unidentified(model, identity, id);
  return { model, base: idOrPath };
}
