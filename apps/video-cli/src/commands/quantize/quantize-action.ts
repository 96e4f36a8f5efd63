import fs from 'node:fs';
import path from 'node:path';
import { modelCacheDir, modelRegistry, resolveModel } from '@facepipe/core';
import { createQuantizationReport, loadCalibrationSamples, quantizeModel } from '@facepipe/quantize';
import { EXIT } from '../../shared/exit.js';
import type { QuantizeOptions } from './quantize-options.js';
import { int8FileName } from '../../stages/int8-variant.js';
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

/**
 * `facepipe quantize <model> --calib <dir|video>`: static int8 post-training quantization via
 * `@facepipe/quantize`, written atomically where `--int8` finds it; prints a JSON summary on stdout
 * and, with `--report`, writes the accuracy/size/latency report as JSON and as HTML beside it.
 *
 * ## Example
 * ```ts
 * await quantizeAction({ model: 'ultraface-rfb-320-sim', calib: 'shared/data/calibration/ultraface_imgs', method: 'minmax' });
 * ```
 * @throws {UsageError} when the calibration path does not exist.
 */
export async function quantizeAction(options: QuantizeOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const calib = path.resolve(options.calib);
  if (!fs.existsSync(calib)) throw new UsageError(`--calib not found: ${options.calib}`);
  const resolved = await resolveModel(options.model);
  const output = path.resolve(options.out ?? defaultInt8Path(options.model, resolved.path));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const result = await quantizeModel(options.model, {
    output,
    calibration: calib,
    method: options.method,
    ...(options.maxImages !== undefined ? { maxSamples: options.maxImages } : {}),
  });
  const summary: Record<string, unknown> = {
    model: result.model,
    input: result.inputPath,
    output: result.outputPath,
    method: result.method,
    calibrationSamples: result.calibrationSamples,
    fp32Bytes: result.fp32Bytes,
    int8Bytes: result.int8Bytes,
    sizeRatio: Math.round(result.sizeRatio * 1000) / 1000,
    quantizedOps: result.quantizedOps,
    durationMs: Math.round(result.durationMs),
  };
  if (options.report) {
    const input = resolved.spec?.input;
    const samples = await loadCalibrationSamples(calib, input, { maxSamples: Math.min(8, options.maxImages ?? 8) });
    const report = await createQuantizationReport(result, { samples, latency: true });
    const reportPath = path.resolve(options.report);
    fs.mkdirSync(path.dirname(reportPath), { recursive: true });
    fs.writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    summary.report = reportPath;
    summary.reportHtml = writeQuantizeReport(reportPath, report);
    summary.latency = report.latency?.map((l) => ({ threads: l.threads, fp32Ms: Math.round(l.fp32Ms * 100) / 100, int8Ms: Math.round(l.int8Ms * 100) / 100, speedup: Math.round(l.speedup * 100) / 100 }));
    summary.outputs = report.outputs;
  }
  out(`${JSON.stringify(summary)}\n`);
  return EXIT.ok;
}
