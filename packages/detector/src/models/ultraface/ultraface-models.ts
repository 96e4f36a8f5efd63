import { dimFits, type HeadSignature, lastDim, type ModelHead, type ModelInputSpec, type ModelSpec, type QuantizationRecipe, rawGithubUrl } from '@facepipe/core';
import { ULTRAFACE_DECODED_QUANTIZATION, ULTRAFACE_QUANTIZATION, ULTRAFACE_RFB_320_RAW_QUANTIZATION, ULTRAFACE_RFB_320_SIM_QUANTIZATION } from './ultraface-quantization.js';

const RECIPES: Readonly<Record<string, QuantizationRecipe>> = {
  'ultraface-rfb-320': ULTRAFACE_DECODED_QUANTIZATION,
  'ultraface-rfb-320-raw': ULTRAFACE_RFB_320_RAW_QUANTIZATION,
  'ultraface-rfb-320-sim': ULTRAFACE_RFB_320_SIM_QUANTIZATION,
};

/** UltraFace decoding facts: output names, whether boxes are decoded in-graph, and the prior count. */
export interface UltrafaceHead extends ModelHead {
  readonly kind: 'ultraface';
  /** True when `boxes` holds corner boxes; false for raw prior regressions (decoded with priors). */
  readonly decoded: boolean;
  readonly scores: string;
  readonly boxes: string;
  readonly priors: number;
}

/** True when `head` is an UltraFace head. */
export const isUltrafaceHead = (head: ModelHead): head is UltrafaceHead => head.kind === 'ultraface';

/** Input of every UltraFace export at its size (reference script: RGB, `(px - 127) / 128`, squash); also the fallback for unregistered UltraFace files. */
export const ultrafaceInput = (width: number, height: number): ModelInputSpec => ({
  name: 'input', width, height, layout: 'NCHW', channelOrder: 'RGB', mean: [127, 127, 127], std: [128, 128, 128], resize: 'squash',
});

const repo = 'Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB';
const commit = 'dffdddda9794a50607cba8f318507a28c1c27cab';

function ultraface(id: string, file: string, sha256: string, bytes: number, decoded: boolean, width: number, description: string): ModelSpec<UltrafaceHead> {
  const height = width === 640 ? 480 : 240;
  const source = { repo, commit, path: `models/onnx/${file}` };
  return {
    id, task: 'face-detection', file, folder: 'ultraface', sha256, bytes, license: 'MIT', source, url: rawGithubUrl(source),
    input: ultrafaceInput(width, height),
    head: { kind: 'ultraface', decoded, scores: 'scores', boxes: 'boxes', priors: width === 640 ? 17640 : 4420 },
    description,
    // the decoded-box node names are those of the RFB-320 export; other decoded exports keep the generic recipe
    quantization: RECIPES[id] ?? ULTRAFACE_QUANTIZATION,
  };
}

/** The UltraFace exports facepipe knows (facts from `shared/ASSETS.md`), registered by the detector's entry point. */
export const ULTRAFACE_MODELS: readonly ModelSpec<UltrafaceHead>[] = [
  ultraface('ultraface-rfb-320', 'version-RFB-320.onnx', '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017', 1270727, true, 320, 'UltraFace RFB 320x240, boxes decoded in-graph'),
  ultraface('ultraface-rfb-320-raw', 'version-RFB-320_without_postprocessing.onnx', 'd7c687949526065ab6a192fdf993360045ce27b0fabf7c9fca5c2437b786b495', 1163666, false, 320, 'UltraFace RFB 320x240, raw prior regressions'),
  ultraface('ultraface-rfb-320-sim', 'version-RFB-320_simplified.onnx', 'faf6740b495e8b9508e6fda11e8c0368bbdde01143e8f0a3e511d0892c4d794e', 1114081, false, 320, 'UltraFace RFB 320x240, raw regressions, BatchNorm folded (fastest; quantization target)'),
  ultraface('ultraface-slim-320', 'version-slim-320.onnx', 'e9adbd0f920ddcce9368434c4d34d72520dc0c19b526fd44b4ef49bde2c3b1a8', 1195330, true, 320, 'UltraFace slim 320x240, boxes decoded in-graph'),
  ultraface('ultraface-slim-320-raw', 'version-slim-320_without_postprocessing.onnx', '6e12bb34a36eb17b86d2b76b79c9cd20f342a59ee737d2123a814ce6f532932b', 1088269, false, 320, 'UltraFace slim 320x240, raw prior regressions'),
  ultraface('ultraface-slim-320-sim', 'version-slim-320_simplified.onnx', '0863d8fedffb8692c3fef345193c7befc9b513a66ac4ff87bdecf47452fa272f', 1047549, false, 320, 'UltraFace slim 320x240, raw regressions, BatchNorm folded'),
  ultraface('ultraface-rfb-640', 'version-RFB-640.onnx', '8f4c659275977e7a3bfbfa339a9c769ad793df50f9c0baa8c14b11baa1646430', 1588012, true, 640, 'UltraFace RFB 640x480, boxes decoded in-graph (no raw 640 export exists)'),
];

/** Model the detector uses when none is given. */
export const DEFAULT_DETECTOR_MODEL = 'ultraface-rfb-320';

/** The outputs an UltraFace head reads: `scores` [1, priors, 2] and `boxes` [1, priors, 4] (for `identifyModel`). */
export const ultrafaceSignature: HeadSignature = (head, outputs) => {
  if (!isUltrafaceHead(head)) return false;
  const scores = outputs.find((o) => o.name === head.scores), boxes = outputs.find((o) => o.name === head.boxes);
  return !!scores && !!boxes && dimFits(scores.dims[1], head.priors) && dimFits(lastDim(scores), 2) && dimFits(lastDim(boxes), 4);
};
