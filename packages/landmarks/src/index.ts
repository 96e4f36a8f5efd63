/**
 * @packageDocumentation
 * 98-point face landmarks (PFLD/PFPLD), head pose and temporal smoothing for facepipe.
 *
 * Head pose convention (every method): degrees; yaw > 0 when the face turns towards image-left
 * (the subject's right); pitch > 0 when the face looks up; roll > 0 when the head tilts so that the
 * image-right eye is lower than the image-left eye (clockwise on screen). FSA-Net's native output.
 *
 * Importing this entry registers the package's models (PFLD, PFPLD, FSA-Net) in core's `modelRegistry`.
 */
import './register.js';
export { LANDMARKS_MODELS } from './models/landmarks-models.js';
export { isLandmarkHead, type LandmarkHead } from './models/landmark-head.js';
export { PFLD_MODELS, DEFAULT_LANDMARK_MODEL, pfldInput } from './models/pfld/pfld-models.js';
export { PFPLD_MODELS } from './models/pfpld/pfpld-models.js';
export { FSANET_MODELS, DEFAULT_POSE_MODELS, fsanetInput, isHeadPoseHead, type HeadPoseHead } from './models/fsanet/fsanet-models.js';
export { WFLW98_TO_IBUG68, wflw98ToIbug68 } from './lib/wflw98-to-ibug68.js';
export { LANDMARK_GROUPS, type LandmarkGroup } from './lib/landmark-groups.js';
export { faceCropRect, type FaceCropPolicy } from './lib/face-crop-rect.js';
export { faceCropToTensor, type FaceCropTensor, type FaceCropToTensorOptions } from './lib/face-crop-to-tensor.js';
export { faceCropPreprocess, stageFaceCrop, type FaceCropPreprocess, type FaceCropPreprocessOptions } from './lib/face-crop-preprocess.js';
export { landmarkPreset, type LandmarkModelSpec, type LandmarkPresetId } from './lib/landmark-preset.js';
export { LandmarkDetector, createLandmarkDetector, type LandmarkDetectorOptions } from './lib/landmark-detector.js';
export { readLandmarkAnnotations, type LandmarkTruth, type LandmarkAnnotation } from './lib/read-landmark-annotations.js';
export { evaluateLandmarks, type LandmarkEvaluation, type LandmarkPair, type LandmarkRegion } from './lib/evaluate-landmarks.js';
export { matchFacesToTruth, type MatchFacesOptions, type FaceTruthMatch, type FaceTruthMatching } from './lib/match-faces-to-truth.js';
export { landmarkMetric, type LandmarkMetric, type LandmarkMetricOptions } from './lib/landmark-metric.js';
export { MEAN_FACE_3D } from './lib/mean-face-3d.js';
export { solvePnpPose, type PnpPose, type PnpPoseOptions } from './lib/solve-pnp-pose.js';
export { OneEuroFilter, type OneEuroOptions } from './lib/one-euro-filter.js';
export { FsanetPoseEstimator, createFsanetPoseEstimator, FSANET_SIGNS, FSANET_CROP_SCALE, type FsanetPoseOptions } from './lib/fsanet-pose-estimator.js';
export { detectLandmarks, type DetectLandmarksOptions } from './lib/detect-landmarks.js';
export { trackLandmarks, DEFAULT_DETECT_EVERY, type TrackLandmarksOptions } from './lib/track-landmarks.js';
export { estimatePose, type EstimatePoseOptions, type PoseMethod } from './lib/estimate-pose.js';
export { smoothFaces, type SmoothFacesOptions } from './lib/smooth-faces.js';
export { annotateFaces, type AnnotateFacesOptions } from './annotate/annotate-faces.js';
export { annotateFrame, poseAxes, type OverlayMask } from './annotate/annotate-frame.js';
