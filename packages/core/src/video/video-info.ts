/**
 * What {@link probeVideo} reports about a video file (its first video stream).
 *
 * Sizes are as DISPLAYED: for a stream with a 90/270 degree rotation the stored width and height are
 * swapped, which is also the size {@link readFrames} yields (ffmpeg rotates while decoding).
 */
export interface VideoInfo {
  /** Display width in pixels (after rotation). */
  readonly width: number;
  /** Display height in pixels (after rotation). */
  readonly height: number;
  /** Frame rate from the container (`avg_frame_rate`, else `r_frame_rate`); 0 when unknown. */
  readonly fps: number;
  /**
   * The base rate (ffmpeg's `tbr`, ffprobe's `r_frame_rate`): the lowest rate whose grid holds every timestamp, the same as `fps` for
   * constant-rate video and above it for variable-rate video (25 for a 25 fps clip with gaps, whose
   * `fps` is the lower average); `fps` when unknown.
   */
  readonly baseFps: number;
  /** Duration of the video stream in ms (the container's when the stream has none). */
  readonly durationMs: number;
  /** Timestamp of the first video frame in ms (e.g. 852.019 for short_hamilton_clip.mp4). */
  readonly startMs: number;
  /**
   * Frames of the stream: its packets counted without decoding (ffprobe's `nb_frames` where the
   * container stores one, less any packets an edit list cuts); absent when the probe did not read
   * them all.
   */
  readonly frameCount?: number;
  /** Clockwise rotation the player applies for display: 0, 90, 180 or 270. */
  readonly rotation: 0 | 90 | 180 | 270;
  /** Whether the file also has an audio stream. */
  readonly hasAudio: boolean;
  /** Video codec name as ffmpeg reports it, e.g. `h264`. */
  readonly codec: string;
  /** Container format name(s), e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  readonly format: string;
}
