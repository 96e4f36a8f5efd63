import type { ModelHead, ModelInputSpec, ModelSpec } from './model-spec.js';

const UF = { repo: 'Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB', commit: 'dffdddda9794a50607cba8f318507a28c1c27cab' };
const YN = { repo: 'ShiqiYu/libfacedetection.train', commit: '0047ac24afb1a50a0c6105001c89d1b5b805dbf1' };
const SC = { repo: 'ShiqiYu/libfacedetection.train', commit: '589da0cd531986021b80118d2dff0d2b0dbb706a' };
const GO = { repo: 'AnthonyF333/PFLD_GhostOne', commit: '7061b5649ffdb6e7fbb4add2372346264a160343' };
const CJ = { repo: 'cunjian/pytorch_face_landmark', commit: '6f34bf9f034aa2f521952f825e6ccc567deb42d6' };
const FS = { repo: 'omasaht/headpose-fsanet-pytorch', commit: '002549c981b607f722e0810d999afcde7e5aaa66' };
const PS = { repo: 'anilsathyan7/Portrait-Segmentation', commit: 'dbf69b043cf70d3362bc500ee620f20807e622d2' };
const PF = { repo: 'hanson-young/nniefacelib', commit: 'master' };

const raw = (s: { repo: string; commit: string }, p: string): string => `https://raw.githubusercontent.com/${s.repo}/${s.commit}/${p}`;

const ultrafaceInput = (w: number, h: number): ModelInputSpec => ({
  name: 'input', width: w, height: h, layout: 'NCHW', channelOrder: 'RGB', mean: [127, 127, 127], std: [128, 128, 128], resize: 'squash',
});
const yunetInput = (w: number, h: number, dynamicMultiple?: number): ModelInputSpec => ({
  name: 'input', width: w, height: h, ...(dynamicMultiple ? { dynamicMultiple } : {}), layout: 'NCHW', channelOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox',
});
const pfldInput: ModelInputSpec = { name: 'input', width: 112, height: 112, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'face-crop' };
const fsanetInput: ModelInputSpec = { name: 'input', width: 64, height: 64, layout: 'NCHW', channelOrder: 'BGR', mean: [127.5, 127.5, 127.5], std: [128, 128, 128], resize: 'face-crop' };

function uf(id: string, file: string, sha256: string, bytes: number, decoded: boolean, w: number, h: number, description: string): ModelSpec {
  const head: ModelHead = { kind: 'ultraface', decoded, scores: 'scores', boxes: 'boxes', priors: w === 640 ? 17640 : 4420 };
  return {
    id, task: 'face-detection', file, folder: 'ultraface', sha256, bytes, license: 'MIT',
    source: { ...UF, path: `models/onnx/${file}` }, url: raw(UF, `models/onnx/${file}`), input: ultrafaceInput(w, h), head, description,
  };
}

/**
 * Every model facepipe knows, with the facts from `shared/ASSETS.md` (checked there against
 * onnxruntime-node 1.30). Ids are stable; files keep their upstream names where they had a clear one.
 */
export const BUILTIN_MODELS: readonly ModelSpec[] = [
  uf('ultraface-rfb-320', 'version-RFB-320.onnx', '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017', 1270727, true, 320, 240, 'UltraFace RFB 320x240, boxes decoded in-graph'),
  uf('ultraface-rfb-320-raw', 'version-RFB-320_without_postprocessing.onnx', 'd7c687949526065ab6a192fdf993360045ce27b0fabf7c9fca5c2437b786b495', 1163666, false, 320, 240, 'UltraFace RFB 320x240, raw prior regressions'),
  uf('ultraface-rfb-320-sim', 'version-RFB-320_simplified.onnx', 'faf6740b495e8b9508e6fda11e8c0368bbdde01143e8f0a3e511d0892c4d794e', 1114081, false, 320, 240, 'UltraFace RFB 320x240, raw regressions, BatchNorm folded (fastest; quantization target)'),
  uf('ultraface-slim-320', 'version-slim-320.onnx', 'e9adbd0f920ddcce9368434c4d34d72520dc0c19b526fd44b4ef49bde2c3b1a8', 1195330, true, 320, 240, 'UltraFace slim 320x240, boxes decoded in-graph'),
  uf('ultraface-slim-320-raw', 'version-slim-320_without_postprocessing.onnx', '6e12bb34a36eb17b86d2b76b79c9cd20f342a59ee737d2123a814ce6f532932b', 1088269, false, 320, 240, 'UltraFace slim 320x240, raw prior regressions'),
  uf('ultraface-slim-320-sim', 'version-slim-320_simplified.onnx', '0863d8fedffb8692c3fef345193c7befc9b513a66ac4ff87bdecf47452fa272f', 1047549, false, 320, 240, 'UltraFace slim 320x240, raw regressions, BatchNorm folded'),
  uf('ultraface-rfb-640', 'version-RFB-640.onnx', '8f4c659275977e7a3bfbfa339a9c769ad793df50f9c0baa8c14b11baa1646430', 1588012, true, 640, 480, 'UltraFace RFB 640x480, boxes decoded in-graph (no raw 640 export exists)'),
  {
    id: 'yunet-640', task: 'face-detection', file: 'face_detection_yunet_2023mar.onnx', folder: 'yunet', sha256: '8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4', bytes: 232589,
    license: 'Apache-2.0 (also published MIT in opencv_zoo)', source: { ...YN, path: 'onnx/yunet_s_640_640.onnx' }, url: raw(YN, 'onnx/yunet_s_640_640.onnx'),
    input: yunetInput(640, 640), head: { kind: 'yunet' }, description: 'YuNet-s 2023mar, 640x640, 5 keypoints (strong on small faces)',
  },
  {
    id: 'yunet-320', task: 'face-detection', file: 'yunet_s_320_320.onnx', folder: 'yunet', sha256: 'beb05bf2378aee45cd7c41056da07265b7bb91041ed1b06f923819a9c744ec36', bytes: 232557,
    license: 'Apache-2.0', source: { ...YN, path: 'onnx/yunet_s_320_320.onnx' }, url: raw(YN, 'onnx/yunet_s_320_320.onnx'),
    input: yunetInput(320, 320), head: { kind: 'yunet' }, description: 'YuNet-s 2023, 320x320',
  },
  {
    id: 'yunet-dynamic', task: 'face-detection', file: 'yunet_s_dynamic.onnx', folder: 'yunet', sha256: 'daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3', bytes: 237823,
    license: 'Apache-2.0', source: { ...YN, path: 'onnx/yunet_s_dynamic.onnx' }, url: raw(YN, 'onnx/yunet_s_dynamic.onnx'),
    input: yunetInput(640, 640, 32), head: { kind: 'yunet' }, description: 'YuNet-s 2023, dynamic batch/height/width (multiples of 32)',
  },
  {
    id: 'scrfd-500m', task: 'face-detection', file: 'scrfd_500m_bnkps.onnx', folder: 'scrfd', sha256: '6c6ba7956684796d7d582bfa1ab95dfe01dd280159f6bff1e23c1bc32bcc8431', bytes: 2529618,
    license: 'non-commercial research only (insightface SCRFD weights; repository Apache-2.0)', source: { ...SC, path: 'onnx/scrfd_500m_bnkps.onnx' }, url: raw(SC, 'onnx/scrfd_500m_bnkps.onnx'),
    input: { name: 'input.1', width: 640, height: 640, dynamicMultiple: 32, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [128, 128, 128], resize: 'letterbox' },
    head: { kind: 'scrfd' }, description: 'SCRFD-500M with 5 keypoints, dynamic input (multiples of 32). Weights: NON-COMMERCIAL use only',
  },
  {
    id: 'pfld-ghostone-98', task: 'landmarks', file: 'PFLD_GhostOne_112_1_opt_sim.onnx', folder: 'landmarks', sha256: '74d1a83932af79c2689d9371b21f32d014552f089985f076e832e89cb18f41e8', bytes: 2838549,
    license: 'Apache-2.0', source: { ...GO, path: 'onnx_models/PFLD_GhostOne_112_1_opt_sim.onnx' }, url: raw(GO, 'onnx_models/PFLD_GhostOne_112_1_opt_sim.onnx'),
    input: pfldInput, head: { kind: 'landmarks', points: 98, output: 'output', cropScale: 1.0 }, description: 'PFLD-GhostOne, 98 WFLW points (recommended)',
  },
  {
    id: 'pfld-ghostnet-slim-98', task: 'landmarks', file: 'PFLD_GhostNet_Slim_112_1_opt_sim.onnx', folder: 'landmarks', sha256: 'ff82819d3169b8e5b5c721fb7704a364dddcd3e9c4ae5e55ad161adcedb6265b', bytes: 2970407,
    license: 'Apache-2.0', source: { ...GO, path: 'onnx_models/PFLD_GhostNet_Slim_112_1_opt_sim.onnx' }, url: raw(GO, 'onnx_models/PFLD_GhostNet_Slim_112_1_opt_sim.onnx'),
    input: pfldInput, head: { kind: 'landmarks', points: 98, output: 'output', cropScale: 1.0 }, description: 'PFLD-GhostNet-Slim, 98 WFLW points',
  },
  {
    id: 'pfld-68', task: 'landmarks', file: 'pfld_68pt_cunjian.onnx', folder: 'landmarks', sha256: '7d7bbd5c6a1d9272e58d9773898284a1905d872eba9a662df9b5f20f1ba6f83e', bytes: 2987921,
    license: 'none declared (evaluation/reference only)', source: { ...CJ, path: 'onnx/pfld.onnx' }, url: raw(CJ, 'onnx/pfld.onnx'),
    input: { ...pfldInput, mean: [0, 0, 0], std: [255, 255, 255] }, head: { kind: 'landmarks', points: 68, output: 'output', cropScale: 1.0 }, description: 'PFLD 68 iBUG points (cunjian), RGB /255',
  },
  {
    id: 'pfpld', task: 'landmarks', file: 'pfpld.onnx', folder: 'landmarks', license: 'see hanson-young/nniefacelib',
    source: { ...PF, path: 'PFPLD/models/onnx/pfpld.onnx' },
    input: { ...pfldInput, mean: [0, 0, 0], std: [255, 255, 255] },
    head: { kind: 'landmarks', points: 98, output: 'landms', cropScale: 1.2, pose: { output: 'pose', unit: 'radians' } },
    description: 'PFPLD 98 points + pose (radians). No verified copy: supply the file yourself (explicit path or FACEPIPE_MODELS); never downloaded',
  },
  {
    id: 'fsanet-1x1', task: 'head-pose', file: 'fsanet-1x1-iter-688590.onnx', folder: 'headpose', sha256: 'd85e90cb4b9d3a87e81bbfdcfcd130cbe0e175407042e439a570aa396c44eda6', bytes: 1247488,
    license: 'MIT', source: { ...FS, path: 'pretrained/fsanet-1x1-iter-688590.onnx' }, url: raw(FS, 'pretrained/fsanet-1x1-iter-688590.onnx'),
    input: fsanetInput, head: { kind: 'headpose', output: 'output', unit: 'degrees' }, description: 'FSA-Net 1x1 head pose (yaw, pitch, roll degrees); average with fsanet-var',
  },
  {
    id: 'fsanet-var', task: 'head-pose', file: 'fsanet-var-iter-688590.onnx', folder: 'headpose', sha256: '2877b1db98e3dc66468e90df8db4a21059facd1c3f107af91c6d4fe6476a03e1', bytes: 1246963,
    license: 'MIT', source: { ...FS, path: 'pretrained/fsanet-var-iter-688590.onnx' }, url: raw(FS, 'pretrained/fsanet-var-iter-688590.onnx'),
    input: fsanetInput, head: { kind: 'headpose', output: 'output', unit: 'degrees' }, description: 'FSA-Net var head pose; average with fsanet-1x1',
  },
  {
    id: 'prisma-unet-256', task: 'segmentation', file: 'prisma-net_256_nchw.onnx', folder: 'segmentation', sha256: 'aeef118740b74a908886f247457c9866b5c002769eda4bb901f049dc7821b1c0', bytes: 3730400,
    license: 'MIT', source: { ...PS, path: 'models/prisma_seg/prisma_nchw.onnx' }, url: raw(PS, 'models/prisma_seg/prisma_nchw.onnx'),
    input: { name: 'input_3', width: 256, height: 256, layout: 'NCHW', channelOrder: 'RGB', mean: [0, 0, 0], std: [255, 255, 255], resize: 'squash' },
    head: { kind: 'segmentation', output: 'permute_2', activation: 'sigmoid', personChannel: 0 }, description: 'Prisma-Net UNET-style portrait mask 256x256 (recommended)',
  },
  {
    id: 'sinet-320', task: 'segmentation', file: 'SINet_Softmax_320.onnx', folder: 'segmentation', sha256: '932c83e0013e07bbe597fe0007ba5ae6add3fbb6413ca5b81f18b2d410ac7259', bytes: 438815,
    license: 'MIT', source: { ...PS, path: 'SINet/SINet_Softmax.onnx' }, url: raw(PS, 'SINet/SINet_Softmax.onnx'),
    // Source: ((px - mean) / std) / 255 in BGR; folded: std' = std * 255. mean/std listed in RGB order.
    input: { name: 'data', width: 320, height: 320, layout: 'NCHW', channelOrder: 'BGR', mean: [126.91212, 111.25247, 102.890434], std: [66.355705 * 255, 62.82138 * 255, 62.93292 * 255], resize: 'squash' },
    head: { kind: 'segmentation', output: 'Softmax/1', activation: 'softmax', personChannel: 1 }, description: 'SINet 320x320 2-class softmax (0.44 MB)',
  },
  {
    id: 'deeplab-mnv2-513', task: 'segmentation', file: 'deeplab_mnv2_dm05_513_nchw.onnx', folder: 'segmentation', sha256: '92ca50e4b49eafd530abbe6ff397e288dc9e8ce4570d08550d373f3d7d62a27d', bytes: 3442483,
    license: 'MIT', source: { ...PS, path: 'models/deeplab_dm05_513/deeplab_nchw.onnx' }, url: raw(PS, 'models/deeplab_dm05_513/deeplab_nchw.onnx'),
    input: { name: 'MobilenetV2/MobilenetV2/input:0', width: 513, height: 513, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'squash' },
    head: { kind: 'segmentation', output: 'transpose:0', activation: 'logits', personChannel: 1 }, description: 'DeepLabV3 MobileNetV2 (dm 0.5) person logits 513x513 (slow non-UNET baseline)',
  },
];
