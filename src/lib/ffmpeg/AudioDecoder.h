// FFmpeg's libraries behind one small class: compressed audio in (from memory or a
// blocking byte source), interleaved float32 in the mixer's format out.
// The only place that includes libav* headers. Not thread-safe: one decoder thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "core/Cancel.h"

namespace ml::ffmpeg {

// Nothing could be decoded; what() is plain Dutch with FFmpeg's reason.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AudioDecoder {
 public:
  // Receives decoded frames (interleaved stereo float, 48 kHz). Return false to stop.
  using Output = std::function<bool(const float* frames, std::size_t count)>;
  // Fills buf with up to size bytes; returns the count, 0 at the end of the stream.
  using Reader = std::function<std::size_t(std::uint8_t* buf, std::size_t size)>;

  explicit AudioDecoder(const CancelToken& cancel);
  ~AudioDecoder();
  AudioDecoder(const AudioDecoder&) = delete;
  AudioDecoder& operator=(const AudioDecoder&) = delete;

  // Decodes one whole HLS segment: `init` (fMP4 init section, may be empty) followed by
  // `media`. The codec state carries over from the previous segment, so segment
  // boundaries are seamless, unless `reset` (a discontinuity). Returns frames produced.
  // Throws DecodeError when the segment yields no audio at all.
  std::size_t decodeSegment(std::string_view init, std::string_view media, bool reset, const Output& out);

  // Decodes a continuous stream (MP3, Ogg, AAC/ADTS ...) until the reader ends, `out`
  // returns false, or the cancel token fires. Throws DecodeError when it cannot start.
  std::size_t decodeStream(const Reader& reader, const Output& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ml::ffmpeg
