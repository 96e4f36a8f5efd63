// The stage packages do not depend on quantize: their metrics satisfy TaskMetric structurally.
import { describe, expectTypeOf, it } from 'vitest';
import { detectionMetric, type DetectionMetric } from '@facepipe/detector';
import { landmarkMetric, type LandmarkMetric } from '@facepipe/landmarks';
import { segmentationMetric, type SegmentationMetric } from '@facepipe/segmentation';
import type { ReportOptions } from './quantization-report.js';
import type { TaskMetric } from './task-metric.js';

describe('stage metrics are TaskMetrics', () => {
  it('detectionMetric, landmarkMetric and segmentationMetric are assignable to TaskMetric', () => {
    expectTypeOf<DetectionMetric>().toExtend<TaskMetric>();
    expectTypeOf<LandmarkMetric>().toExtend<TaskMetric>();
    expectTypeOf<SegmentationMetric>().toExtend<TaskMetric>();
    expectTypeOf(detectionMetric).returns.toExtend<TaskMetric>();
    expectTypeOf(landmarkMetric).returns.toExtend<TaskMetric>();
    expectTypeOf(segmentationMetric).returns.toExtend<TaskMetric>();
    // and they go into a report's metrics list as they are
    expectTypeOf<[DetectionMetric, LandmarkMetric, SegmentationMetric]>().toExtend<NonNullable<ReportOptions['metrics']>>();
  });

  it('a metric without a direction or with a non-numeric figure is not a TaskMetric', () => {
    expectTypeOf<{ name: string; evaluate: (file: string) => Promise<number> }>().not.toExtend<TaskMetric>();
    expectTypeOf<{ name: string; higherIsBetter: boolean; evaluate: (file: string) => Promise<string> }>().not.toExtend<TaskMetric>();
  });
});
