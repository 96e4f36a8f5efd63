import type { QuantizationReport } from './quantization-report.js';

function num(v: number, digits = 4): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  return v.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ops = (o: Readonly<Record<string, number>>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

/**
 * Render a {@link QuantizationReport} as plain-text tables: summary, sizes, output error, task
 * metrics, latency and the per-layer error table (the worst layer by SQNR drop is marked).
 *
 * ## Example
 * ```ts
 * console.log(formatReport(report));
 * // prisma-unet-256  static/percentile  uint8 activations, 7-bit weights, 16 calibration samples
 * // size  3730400 -> 1154903 bytes (0.310x) ...
 * ```
 */
export function formatReport(report: QuantizationReport): string {
  const out: string[] = [];
  out.push(
    `${report.model}  ${report.mode}/${report.method}  ${report.mode === 'dynamic' ? 'fp32' : report.activationType} activations, ${report.weightBits}-bit weights, ${report.calibrationSamples} calibration samples, opset ${report.opset.from}->${report.opset.to}`,
  );
  out.push(`size  ${report.size.fp32Bytes} -> ${report.size.int8Bytes} bytes (${report.size.ratio.toFixed(3)}x)`);
  out.push(`int8 ops: ${ops(report.ops.quantized)}`);
  out.push(`fp32 ops: ${ops(report.ops.fp32)}`);
  out.push('');
  out.push(`outputs (${report.evaluationSamples} evaluation samples)`);
  out.push(
    table(
      ['output', 'max|d|', 'mean|d|', 'cosine', 'SQNR dB'],
      Object.entries(report.outputs).map(([k, e]) => [k, num(e.maxAbs), num(e.meanAbs, 5), num(e.cosine, 5), num(e.sqnrDb, 1)]),
    ),
  );
  if (report.task?.length) {
    out.push('');
    const limits = report.task.some((t) => t.tolerance !== undefined);
    const row = (t: (typeof report.task)[number]): string[] => {
      const cells = [`${t.name} (${t.higherIsBetter ? 'higher' : 'lower'} is better)`, num(t.fp32), num(t.int8), num(t.delta)];
      if (limits) cells.push(t.tolerance === undefined ? '-' : `${num(t.tolerance)} ${t.withinTolerance ? 'ok' : 'EXCEEDED'}`);
      return cells;
    };
    out.push(table(['task metric', 'fp32', 'int8', 'delta', ...(limits ? ['tolerance'] : [])], report.task.map(row)));
  }
  if (report.latency?.length) {
    out.push('');
    out.push(table(['threads', 'fp32 ms', 'int8 ms', 'speedup'], report.latency.map((l) => [String(l.threads), num(l.fp32Ms, 2), num(l.int8Ms, 2), `${l.speedup.toFixed(2)}x`])));
  }
  if (report.layers.length) {
    let worst = -1;
    let worstDrop = -Infinity;
    for (let i = 0; i < report.layers.length; i++) {
      const prev = i > 0 ? report.layers[i - 1].sqnrDb : Infinity;
      const drop = Math.min(prev, 60) - Math.min(report.layers[i].sqnrDb, 60);
      if (drop > worstDrop) {
        worstDrop = drop;
        worst = i;
      }
    }
    out.push('');
    out.push(`per-layer error (fp32 vs int8 on the same inputs; * = largest SQNR drop from the previous layer)`);
    out.push(
      table(
        ['#', 'tensor', 'op', 'max|d|', 'mean|d|', 'cosine', 'SQNR dB'],
        report.layers.map((l, i) => [`${i}${i === worst ? '*' : ''}`, l.tensor, l.opType, num(l.maxAbs), num(l.meanAbs, 5), num(l.cosine, 5), num(l.sqnrDb, 1)]),
      ),
    );
  }
  return out.join('\n');
}
