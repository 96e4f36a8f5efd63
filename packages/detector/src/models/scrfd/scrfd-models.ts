import { type HeadSignature, type ModelHead, type ModelSpec, rawGithubUrl } from '@facepipe/core';

/**
 * SCRFD head (`score_/bbox_/kps_` per stride 8/16/32). Registered so `facepipe models list|fetch|verify`
 * know the file, but no decoder claims it yet: `FaceDetector.create` rejects it with a clear error.
 */
export interface ScrfdHead extends ModelHead {
  readonly kind: 'scrfd';
}

/** Output names of SCRFD-kps exports: score, bbox and keypoints per stride 8/16/32. */
export const SCRFD_OUTPUTS: readonly string[] = [8, 16, 32].flatMap((s) => [`score_${s}`, `bbox_${s}`, `kps_${s}`]);

const source = { repo: 'ShiqiYu/libfacedetection.train', commit: '589da0cd531986021b80118d2dff0d2b0dbb706a', path: 'onnx/scrfd_500m_bnkps.onnx' };

/** SCRFD-500M-kps (facts from `shared/ASSETS.md`). Weights: non-commercial research use only. */
export const SCRFD_MODELS: readonly ModelSpec<ScrfdHead>[] = [
  {
    id: 'scrfd-500m', task: 'face-detection', file: 'scrfd_500m_bnkps.onnx', folder: 'scrfd', sha256: '6c6ba7956684796d7d582bfa1ab95dfe01dd280159f6bff1e23c1bc32bcc8431', bytes: 2529618,
    license: 'non-commercial research only (insightface SCRFD weights; repository Apache-2.0)', source, url: rawGithubUrl(source),
    input: { name: 'input.1', width: 640, height: 640, dynamicMultiple: 32, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [128, 128, 128], resize: 'letterbox' },
    head: { kind: 'scrfd' }, description: 'SCRFD-500M with 5 keypoints, dynamic input (multiples of 32). Weights: NON-COMMERCIAL use only; no facepipe decoder yet',
  },
];

/** The outputs of an SCRFD-kps export ({@link SCRFD_OUTPUTS}; for `identifyModel`). */
export const scrfdSignature: HeadSignature = (head, outputs) => head.kind === 'scrfd' && SCRFD_OUTPUTS.every((n) => outputs.some((o) => o.name === n));
