import type { Readable } from 'node:stream';

/** What ffmpeg reads for a live input, and the options that go before its `-i`. */
export interface LiveInputArgs {
  /** The URL, or the stream ffmpeg reads on its stdin for `-`. */
  readonly source: string | Readable;
  readonly inputOptions: readonly string[];
}

/**
 * The ffmpeg input of a live `readFrames` (pure; `input` is already validated).
 *
 * - Every live input: `-flags low_delay` (no frame-threading delay in the decoder, no B-frame
 *   reorder wait), and a short probe (`-probesize 500000 -analyzeduration 500000`) so the first
 *   frame comes after half a second of stream instead of five. `-fflags nobuffer` is NOT used: it
 *   throws away the packets read while probing (about a second of frames), and the drop policy
 *   already keeps only the newest of a burst.
 * - `rtsp://`: `-rtsp_transport tcp` (no lost UDP packets on a busy host); with `listen`,
 *   `-rtsp_flags listen` (ffmpeg is the RTSP server a sender pushes to).
 * - `tcp://` with `listen`: `-listen 1` (accept one sender).
 * - `listen` with any other scheme: nothing (UDP always binds the given port).
 * - `ioTimeoutMs` (finite, not listening): ffmpeg gives up by itself after that long without
 *   data (udp `-timeout`, tcp/http `-rw_timeout`), so an ffmpeg orphaned by a killed parent does
 *   not wait forever on a dead stream. readFrames passes twice its own watchdog time, so the
 *   watchdog normally sees a stall first.
 * - `-`: the stream `stdin` (fluent-ffmpeg pipes it to ffmpeg's `pipe:0`).
 * - a plain file path: `-re`, so the file plays at its own frame rate like a camera (a demo or test
 *   source for live mode) instead of being decoded as fast as possible and mostly dropped.
 *
 * Which protocols work depends on the ffmpeg build: the bundled 2018 static ffmpeg has tcp, udp,
 * rtp, rtsp, rtmp, http(s) and hls, but no srt; an unsupported scheme fails with ffmpeg's
 * "Protocol not found" in a DecoderError.
 *
 * ## Example
 * ```ts
 * liveInputArgs('rtsp://127.0.0.1:8554/cam', process.stdin).inputOptions;
 * // ['-flags', 'low_delay', '-probesize', '500000', '-analyzeduration', '500000', '-rtsp_transport', 'tcp']
 * ```
 */
export function liveInputArgs(input: string, stdin: Readable, listen = false, ioTimeoutMs = Infinity): LiveInputArgs {
  const inputOptions = ['-flags', 'low_delay', '-probesize', '500000', '-analyzeduration', '500000'];
  if (Number.isFinite(ioTimeoutMs) && !listen) {
    const us = String(Math.round(ioTimeoutMs * 1000));
    if (/^udp:\/\//i.test(input)) inputOptions.push('-timeout', us);
    else if (/^(tcp|https?):\/\//i.test(input)) inputOptions.push('-rw_timeout', us);
  }
  if (input !== '-' && !/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) inputOptions.push('-re'); // a file plays like a camera
  if (/^rtsp:\/\//i.test(input)) inputOptions.push('-rtsp_transport', 'tcp', ...(listen ? ['-rtsp_flags', 'listen'] : []));
  else if (listen && /^tcp:\/\//i.test(input)) inputOptions.push('-listen', '1');
  return { source: input === '-' ? stdin : input, inputOptions };
}
