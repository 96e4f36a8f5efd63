import type { QuantizationReport } from '@facepipe/quantize';
import type { QuantizeReportView } from './report-data.js';

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const finite = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);
const opCount = (ops: Readonly<Record<string, number>>): string =>
  Object.entries(ops)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ') || '–';

/**
 * The fp32-vs-int8 side-by-side of `facepipe quantize --report`: rows for size, opset, op counts,
 * every task metric and latency per thread count; per-output agreement; per-layer SQNR.
 *
 * ## Example
 * ```ts
 * quantizeReportView(report).rows[0]; // { label: 'model size', fp32: '1088.0 KB', int8: '301.2 KB' }
 * ```
 * @param report What `createQuantizationReport` returned (or its JSON).
 */
export function quantizeReportView(report: QuantizationReport): QuantizeReportView {
  const rows: { label: string; fp32: string; int8: string }[] = [
    { label: 'model size', fp32: kb(report.size.fp32Bytes), int8: `${kb(report.size.int8Bytes)} (${(report.size.ratio * 100).toFixed(1)} %)` },
    { label: 'ai.onnx opset', fp32: String(report.opset.from), int8: String(report.opset.to) },
    { label: 'ops left in float32 | quantized to int8', fp32: opCount(report.ops.fp32), int8: opCount(report.ops.quantized) },
    { label: 'mode / activations / weight bits', fp32: 'float32', int8: `${report.mode} / ${report.activationType} / ${report.weightBits}` },
  ];
  for (const t of report.task ?? []) rows.push({ label: `${t.name} (${t.higherIsBetter ? 'higher' : 'lower'} is better)`, fp32: t.fp32.toFixed(4), int8: `${t.int8.toFixed(4)} (Δ ${t.delta >= 0 ? '+' : ''}${t.delta.toFixed(4)})` });
  for (const l of report.latency ?? []) rows.push({ label: `latency, ${l.threads} thread${l.threads === 1 ? '' : 's'}`, fp32: `${l.fp32Ms.toFixed(2)} ms`, int8: `${l.int8Ms.toFixed(2)} ms (${l.speedup.toFixed(2)}x)` });
  return {
    model: report.model,
    method: report.method,
    rows,
    latency: (report.latency ?? []).map((l) => ({ threads: l.threads, fp32Ms: l.fp32Ms, int8Ms: l.int8Ms })),
    outputs: Object.entries(report.outputs).map(([name, e]) => ({ name, cosine: e.cosine, sqnrDb: finite(e.sqnrDb), maxAbs: e.maxAbs })),
    layers: report.layers.map((l) => ({ tensor: l.tensor, opType: l.opType, sqnrDb: finite(l.sqnrDb) })),
  };
}
