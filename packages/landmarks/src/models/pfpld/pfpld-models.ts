import type { ModelSpec } from '@facepipe/core';
import type { LandmarkHead } from '../landmark-head.js';
import { pfldInput } from '../pfld/pfld-models.js';
import { PFLD_QUANTIZATION } from '../pfld/pfld-quantization.js';

/** PFPLD (98 points + pose in radians). No verified copy exists: no sha256, never downloaded; supply the file yourself. */
export const PFPLD_MODELS: readonly ModelSpec<LandmarkHead>[] = [
  {
    id: 'pfpld', task: 'landmarks', file: 'pfpld.onnx', folder: 'landmarks', license: 'see hanson-young/nniefacelib',
    source: { repo: 'hanson-young/nniefacelib', commit: 'master', path: 'PFPLD/models/onnx/pfpld.onnx' },
    input: { ...pfldInput, mean: [0, 0, 0], std: [255, 255, 255] },
    head: { kind: 'landmarks', points: 98, output: 'landms', cropScale: 1.2, pose: { output: 'pose', unit: 'radians' } },
    description: 'PFPLD 98 points + pose (radians). No verified copy: supply the file yourself (explicit path or FACEPIPE_MODELS); never downloaded',
    quantization: PFLD_QUANTIZATION,
  },
];
