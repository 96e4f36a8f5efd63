/**
 * @packageDocumentation
 * UltraFace and YuNet face detection, NMS, tracking and detection metrics for facepipe.
 *
 * Importing this entry registers the detector's models (UltraFace, YuNet, SCRFD) in core's `modelRegistry`.
 */
import './register.js';
/** Re-exported from `@facepipe/core`, where they live (so landmark stages need not depend on the detector). */
export type { Face, FrameWithFaces, HeadPose } from '@facepipe/core';
export { FaceDetector, type FaceDetectorOptions, type DetectorSettings, type DetectorFamily, type InputMapping } from './lib/face-detector.js';
export { DetectorOutputError } from './lib/errors.js';
export { nonMaxSuppression, NMS_METHODS, type NmsMethod, type NmsOptions, type NmsResult } from './lib/nms.js';
export { createCandidates, type Candidates } from './lib/candidates.js';
export { DETECTOR_MODELS } from './models/detector-models.js';
export { ULTRAFACE_MODELS, DEFAULT_DETECTOR_MODEL, isUltrafaceHead, ultrafaceInput, type UltrafaceHead } from './models/ultraface/ultraface-models.js';
export { YUNET_MODELS, isYunetHead, yunetInput, type YunetHead } from './models/yunet/yunet-models.js';
export { SCRFD_MODELS, SCRFD_OUTPUTS, type ScrfdHead } from './models/scrfd/scrfd-models.js';
export { generateUltrafacePriors, ultrafacePriorCount, ULTRAFACE_STRIDES, ULTRAFACE_MIN_BOXES } from './models/ultraface/priors.js';
export { decodeUltrafaceBoxes, collectUltrafaceCandidates, ULTRAFACE_CENTER_VARIANCE, ULTRAFACE_SIZE_VARIANCE } from './models/ultraface/decode.js';
export { collectYunetCandidates, YUNET_STRIDES, YUNET_OUTPUTS, type YunetLevel } from './models/yunet/decode.js';
export { detectFaces, type DetectFacesOptions } from './lib/detect-faces.js';
export { trackFaces, type TrackFacesOptions } from './lib/track-faces.js';
export { solveSquareAssignment, assignWithGate } from './lib/solve-assignment.js';
export { evaluateTracks, type EvaluateTracksOptions, type TrackEvaluation, type TrackedBox, type GroundTruthTrackBox } from './lib/evaluate-tracks.js';
export { loadMotGroundTruth, parseMotGroundTruth, MotFormatError, type MotGroundTruth, type MotGroundTruthOptions } from './lib/load-mot-ground-truth.js';
export { evaluateDetections, averagePrecision, type EvaluateOptions, type DetectionEvaluation, type ScoredBox, type GroundTruthImage } from './lib/evaluate-detections.js';
export { detectionMetric, type DetectionMetric, type DetectionMetricOptions, type DetectionMeasure } from './lib/detection-metric.js';
