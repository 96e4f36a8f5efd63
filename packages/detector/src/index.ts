/**
 * @packageDocumentation
 * UltraFace and YuNet face detection, NMS, tracking and detection metrics for facepipe.
 */
export type { Face, FrameWithFaces, HeadPose } from './lib/face.js';
