/**
 * The smallest Matroska stream ffmpeg reads as timestamped raw RGB24 video (codec
 * `V_UNCOMPRESSED`, colour space fourcc `RGB\x18`): what `writeFrames` pipes to its encoder so
 * every frame keeps its own presentation time (a bare rawvideo pipe has none: frame i would be at
 * i / fps). Timestamps are in microseconds (TimecodeScale 1000 ns); each frame is one Cluster
 * holding one SimpleBlock, so a frame costs a 42-byte header in front of its pixels and no copy.
 */

const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** An EBML element id as its bytes (ids carry their own length marker). */
function idBytes(id: number): Buffer {
  const hex = id.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** 8-byte EBML size field. */
function size8(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n) | (1n << 56n));
  return b;
}

function uint(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function element(id: number, payload: Buffer): Buffer {
  return Buffer.concat([idBytes(id), size8(payload.length), payload]);
}

/**
 * Header of the stream: EBML header, a Segment of unknown size, Info (µs timestamps) and the one
 * video track.
 *
 * ## Example
 * ```ts
 * stdin.write(rawVideoMkvHeader(640, 360, 29.97)); // then per frame: rawVideoMkvFrameHeader(...) + pixels
 * ```
 * @param width frame width in pixels.
 * @param height frame height in pixels.
 * @param fps nominal frame rate (the track's default frame duration: the last frame lasts 1/fps).
 */
export function rawVideoMkvHeader(width: number, height: number, fps: number): Buffer {
  const ebml = element(
    0x1a45dfa3,
    Buffer.concat([
      element(0x4286, uint(1)), // EBMLVersion
      element(0x42f7, uint(1)), // EBMLReadVersion
      element(0x42f2, uint(4)), // EBMLMaxIDLength
      element(0x42f3, uint(8)), // EBMLMaxSizeLength
      element(0x4282, Buffer.from('matroska')), // DocType
      element(0x4287, uint(4)), // DocTypeVersion
      element(0x4285, uint(2)), // DocTypeReadVersion
    ]),
  );
  const info = element(0x1549a966, Buffer.concat([element(0x2ad7b1, uint(1000)), element(0x4d80, Buffer.from('facepipe')), element(0x5741, Buffer.from('facepipe'))]));
  const video = element(0xe0, Buffer.concat([element(0xb0, uint(width)), element(0xba, uint(height)), element(0x2eb524, Buffer.from([0x52, 0x47, 0x42, 24]))]));
  const track = element(
    0xae,
    Buffer.concat([
      element(0xd7, uint(1)), // TrackNumber
      element(0x73c5, uint(1)), // TrackUID
      element(0x83, uint(1)), // TrackType: video
      element(0x86, Buffer.from('V_UNCOMPRESSED')),
      element(0x23e383, uint(Math.round(1e9 / fps))), // DefaultDuration (ns)
      video,
    ]),
  );
  return Buffer.concat([ebml, idBytes(0x18538067), UNKNOWN_SIZE, info, element(0x1654ae6b, track)]);
}

/**
 * The bytes that go in front of one frame's pixels: a Cluster at `timeUs` with one keyframe
 * SimpleBlock of `frameBytes` bytes.
 *
 * ## Example
 * ```ts
 * stdin.write(rawVideoMkvFrameHeader(852_019, 640 * 360 * 3));
 * stdin.write(pixels);
 * ```
 * @param timeUs presentation time in whole microseconds (>= 0, increasing from frame to frame).
 * @param frameBytes the size of the pixel data that follows.
 */
export function rawVideoMkvFrameHeader(timeUs: number, frameBytes: number): Buffer {
  const timecode = element(0xe7, uint(timeUs));
  const blockHead = Buffer.from([0x81, 0x00, 0x00, 0x80]); // track 1, relative time 0, keyframe
  const block = Buffer.concat([idBytes(0xa3), size8(blockHead.length + frameBytes), blockHead]);
  return Buffer.concat([idBytes(0x1f43b675), size8(timecode.length + block.length + frameBytes), timecode, block]);
}
