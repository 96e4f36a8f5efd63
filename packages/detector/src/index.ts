/**
 * @packageDocumentation
 * UltraFace and YuNet face detection, NMS, tracking and detection metrics for facepipe.
 */
export type { Face, FrameWithFaces, HeadPose } from './lib/face.js';
export { FaceDetector, type FaceDetectorOptions, type DetectorSettings, type DetectorFamily, type InputMapping } from './lib/face-detector.js';
export { DetectorOutputError } from './lib/detector-output-error.js';
export { nonMaxSuppression, NMS_METHODS, type NmsMethod, type NmsOptions, type NmsResult } from './lib/nms.js';
export { createCandidates, type Candidates } from './lib/candidates.js';
export { generateUltrafacePriors, ultrafacePriorCount, ULTRAFACE_STRIDES, ULTRAFACE_MIN_BOXES } from './models/ultraface/priors.js';
export { decodeUltrafaceBoxes, collectUltrafaceCandidates, ULTRAFACE_CENTER_VARIANCE, ULTRAFACE_SIZE_VARIANCE } from './models/ultraface/decode.js';
export { collectYunetCandidates, YUNET_STRIDES, YUNET_OUTPUTS, type YunetLevel } from './models/yunet/decode.js';
export { detectFaces, type DetectFacesOptions } from './lib/detect-faces.js';
export { trackFaces, type TrackFacesOptions } from './lib/track-faces.js';
export { solveSquareAssignment, assignWithGate } from './lib/solve-assignment.js';
export { evaluateDetections, averagePrecision, type EvaluateOptions, type DetectionEvaluation, type ScoredBox, type GroundTruthImage } from './lib/evaluate-detections.js';
export { detectionMetric, type DetectionMetric, type DetectionMetricOptions, type DetectionMeasure } from './lib/detection-metric.js';
