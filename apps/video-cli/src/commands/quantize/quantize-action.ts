import fs from 'node:fs';
import path from 'node:path';
import { modelCacheDir, modelRegistry, resolveModel } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { faceCropPreprocess, stageFaceCrop } from '@facepipe/landmarks';
import { createQuantizationReport, loadCalibrationSamples, quantizeModel, type QuantizeResult } from '@facepipe/quantize';
import { EXIT } from '../../shared/exit.js';
import { DEFAULT_MODELS } from '../../shared/defaults.js';
import { STAGES } from '../../shared/option-parsers.js';
import type { QuantizeOptions } from './quantize-options.js';
import { quantizeTargets } from './quantize-targets.js';
import { int8FileName } from '../../stages/int8-variant.js';
import { checkModelArg } from '../../shared/check-model-arg.js';
import { UsageError } from '../../shared/usage-error.js';
import { writeQuantizeReport } from '../report/write-quantize-report.js';

/**
 * Where `facepipe quantize` writes by default: `<stem>.int8.onnx` beside an explicit model path, or
 * in the user model cache for a registry id (where `--int8` looks for it).
 *
 * ## Example
 * ```ts
 * defaultInt8Path('fsanet-var', '/m/fsanet-var-iter-688590.onnx'); // '~/.cache/facepipe/fsanet-var-iter-688590.int8.onnx'
 * ```
 */
export function defaultInt8Path(model: string, resolvedPath: string): string {
  return modelRegistry.get(model) ? path.join(modelCacheDir(), int8FileName(resolvedPath)) : path.join(path.dirname(resolvedPath), int8FileName(resolvedPath));
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function summarize(result: QuantizeResult): Record<string, unknown> {
  return {
    model: result.model,
    input: result.inputPath,
    output: result.outputPath,
    ...(result.recipe ? { recipe: result.recipe } : {}),
    method: result.method,
    activationType: result.activationType,
    weightBits: result.weightBits,
    calibrationSamples: result.calibrationSamples,
    foldedBatchNorms: result.foldedBatchNorms,
    opset: result.opset,
    fp32Bytes: result.fp32Bytes,
    int8Bytes: result.int8Bytes,
    sizeRatio: round(result.sizeRatio, 3),
    quantizedOps: result.quantizedOps,
    durationMs: Math.round(result.durationMs),
  };
}

/**
 * `facepipe quantize <model> --calib <dir|video>` / `facepipe quantize --all --calib <dir|video>`:
 * static int8 post-training quantization with each model's recipe (from its registry entry:
 * frames or detector face crops for calibration, fp32 nodes, types, opset), explicit flags
 * overriding it; written atomically where `--int8` finds it. Prints one JSON summary on stdout
 * (`--all`: `{ models: [...] }`, one entry per model) and, with `--report` (single model), writes the
 * accuracy/size/latency report as JSON and as HTML beside it.
 *
 * ## Example
 * ```ts
 * await quantizeAction({ model: 'pfld-ghostone-98', calib: 'shared/data/calibration/ultraface_imgs' }); // face crops, head fp32
 * await quantizeAction({ all: true, calib: 'clip.mp4' }); // detector, landmarks, FSA-Net x2, segmenter
 * ```
 * @throws {UsageError} when the calibration path does not exist, or the model / `--all` choice is missing or conflicting.
 */
export async function quantizeAction(options: QuantizeOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const calib = path.resolve(options.calib);
  if (!fs.existsSync(calib)) throw new UsageError(`--calib not found: ${options.calib}`);
  if (options.all && options.model !== undefined) throw new UsageError(`give either a model or --all, not both (got ${options.model} and --all)`);
  if (!options.all && options.model === undefined) throw new UsageError('missing model: give a model id or path, or --all for every model the --stages use');
  if (options.all && (options.out !== undefined || options.report !== undefined)) throw new UsageError('--out and --report take a single model, not --all');
  if (options.model !== undefined) checkModelArg(options.model, 'model');
  const detectorId = options.detector ?? DEFAULT_MODELS.detector;
  const targets = options.all
    ? quantizeTargets(options.stages ?? STAGES, { detector: detectorId, landmarks: options.landmarks ?? DEFAULT_MODELS.landmarks, segmenter: options.segmenter ?? DEFAULT_MODELS.segmenter })
    : [options.model!];

  let detector: FaceDetector | undefined;
  try {
    const results: QuantizeResult[] = [];
    for (const model of targets) {
      const resolved = await resolveModel(model);
      const output = path.resolve(options.out ?? defaultInt8Path(model, resolved.path));
      fs.mkdirSync(path.dirname(output), { recursive: true });
      const faceCrops = resolved.spec?.quantization?.calibration === 'face-crops';
      if (faceCrops && !detector) detector = await FaceDetector.create({ model: detectorId, workers: 0 });
      // cropped as the stage that runs the model crops (landmarks: square, bicubic; pose: box x1.2, area)
      const preprocess = faceCrops ? (await faceCropPreprocess({ input: resolved.spec!.input, detector: detector!, ...stageFaceCrop(resolved.spec!) })).preprocess : undefined;
      const result = await quantizeModel(model, {
        output,
        calibration: calib,
        ...(preprocess ? { preprocess } : {}),
        ...(options.method !== undefined ? { method: options.method } : {}),
        ...(options.activationType !== undefined ? { activationType: options.activationType } : {}),
        ...(options.weightBits !== undefined ? { weightBits: options.weightBits } : {}),
        ...(options.fp32Nodes !== undefined ? { fp32Nodes: options.fp32Nodes } : {}),
        ...(options.fp32WeightNodes !== undefined ? { fp32WeightNodes: options.fp32WeightNodes } : {}),
        ...(options.maxImages !== undefined ? { maxSamples: options.maxImages } : {}),
      });
      results.push(result);
      if (options.all) process.stderr.write(`quantized ${result.model} -> ${result.outputPath} (${round(result.sizeRatio, 3)}x, ${result.calibrationSamples} samples)\n`);
      if (!options.all && options.report) {
        const summary = summarize(result);
        const samples = await loadCalibrationSamples(calib, resolved.spec?.input, { maxSamples: Math.min(8, options.maxImages ?? 8), ...(preprocess ? { preprocess } : {}) });
        const report = await createQuantizationReport(result, { samples, latency: true });
        const reportPath = path.resolve(options.report);
        fs.mkdirSync(path.dirname(reportPath), { recursive: true });
        fs.writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
        summary.report = reportPath;
        summary.reportHtml = writeQuantizeReport(reportPath, report);
        summary.latency = report.latency?.map((l) => ({ threads: l.threads, fp32Ms: round(l.fp32Ms, 2), int8Ms: round(l.int8Ms, 2), speedup: round(l.speedup, 2) }));
        summary.outputs = report.outputs;
        out(`${JSON.stringify(summary)}\n`);
        return EXIT.ok;
      }
    }
    out(`${JSON.stringify(options.all ? { models: results.map(summarize) } : summarize(results[0]!))}\n`);
    return EXIT.ok;
  } finally {
    await detector?.dispose();
  }
}
