import { expectTypeOf, test } from 'vitest';
import type { Observable } from 'rxjs';
import type { Frame } from '@facepipe/core';
import { detectFaces } from './detect-faces.js';
import { trackFaces } from './track-faces.js';
import type { Face, FrameWithFaces } from '@facepipe/core';

declare const frames$: Observable<Frame>;

test('detectFaces and trackFaces map Observable<Frame> to Observable<FrameWithFaces>', () => {
  const detected = frames$.pipe(detectFaces({ workers: 2 }));
  expectTypeOf(detected).toEqualTypeOf<Observable<FrameWithFaces>>();
  const tracked = detected.pipe(trackFaces());
  expectTypeOf(tracked).toEqualTypeOf<Observable<FrameWithFaces>>();
  tracked.subscribe((f) => {
    expectTypeOf(f.results.faces).toEqualTypeOf<readonly Face[]>();
    expectTypeOf(f.results.faces[0]!.id).toEqualTypeOf<number | undefined>();
  });
});
