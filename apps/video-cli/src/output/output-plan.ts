import path from 'node:path';
import type { InputFile } from '../shared/discover-inputs.js';

/** Final output paths of one input. */
export interface OutputPlan {
  readonly jsonl: string;
  readonly annotated?: string;
  readonly masks?: string;
  /** Every final path (all must exist for the input to count as done). */
  readonly all: readonly string[];
}

/**
 * Decide output names for every input: `<out>/<stem>.jsonl`, `<stem>.annotated.mp4|png`, masks in
 * `<stem>.masks/` (video) or `<stem>.mask.png` (image). Inputs sharing a stem get `<stem>.<ext>`,
 * then `<stem>-2`, … (deterministic for a given input order).
 *
 * ## Example
 * ```ts
 * planOutputs([{ path: '/v/clip.mp4', kind: 'video' }], 'out', { annotate: true, masks: false });
 * // [{ jsonl: 'out/clip.jsonl', annotated: 'out/clip.annotated.mp4', all: [...] }]
 * ```
 */
export function planOutputs(inputs: readonly InputFile[], outDir: string, options: { annotate: boolean; masks: boolean }): OutputPlan[] {
  const taken = new Set<string>();
  return inputs.map((input) => {
    const base = path.basename(input.path);
    const ext = path.extname(base);
    let stem = ext ? base.slice(0, -ext.length) : base;
    if (taken.has(stem)) stem = base;
    for (let n = 2; taken.has(stem); n++) stem = `${ext ? base.slice(0, -ext.length) : base}-${n}`;
    taken.add(stem);
    const jsonl = path.join(outDir, `${stem}.jsonl`);
    const annotated = options.annotate ? path.join(outDir, `${stem}.annotated.${input.kind === 'image' ? 'png' : 'mp4'}`) : undefined;
    const masks = options.masks ? path.join(outDir, input.kind === 'image' ? `${stem}.mask.png` : `${stem}.masks`) : undefined;
    const all = [...(masks ? [masks] : []), ...(annotated ? [annotated] : []), jsonl];
    return { jsonl, ...(annotated ? { annotated } : {}), ...(masks ? { masks } : {}), all };
  });
}
