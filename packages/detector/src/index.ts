/**
 * @packageDocumentation
 * UltraFace and YuNet face detection, NMS, tracking and detection metrics for facepipe.
 */
export type { Face, HeadPose } from './lib/face.js';
