import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOutputs } from './output-plan.js';

describe('planOutputs', () => {
  it('names outputs after the input stem, by kind', () => {
    const [v, i] = planOutputs(
      [
        { path: '/v/clip.mp4', kind: 'video' },
        { path: '/p/photo.jpg', kind: 'image' },
      ],
      '/o',
      { annotate: true, masks: true },
    );
    expect(v).toEqual({ jsonl: '/o/clip.jsonl', annotated: '/o/clip.annotated.mp4', masks: '/o/clip.masks', all: ['/o/clip.masks', '/o/clip.annotated.mp4', '/o/clip.jsonl'] });
    expect(i).toMatchObject({ jsonl: '/o/photo.jsonl', annotated: '/o/photo.annotated.png', masks: '/o/photo.mask.png' });
  });
  it('disambiguates inputs sharing a stem deterministically', () => {
    const plans = planOutputs(
      [
        { path: '/a/clip.mp4', kind: 'video' },
        { path: '/b/clip.mp4', kind: 'video' },
        { path: '/c/clip.mov', kind: 'video' },
        { path: '/d/clip.mp4', kind: 'video' },
      ],
      '/o',
      { annotate: false, masks: false },
    );
    expect(plans.map((p) => path.basename(p.jsonl))).toEqual(['clip.jsonl', 'clip.mp4.jsonl', 'clip.mov.jsonl', 'clip-2.jsonl']);
    expect(plans[0]!.all).toEqual(['/o/clip.jsonl']);
  });
});
