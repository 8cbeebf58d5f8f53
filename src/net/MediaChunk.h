// Compressed media handed from the fetcher thread to the decoder thread.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace ml::net {

struct MediaChunk {
  enum class Kind {
    Segment,  // one whole HLS segment (plus the init section in force)
    Stream,   // the next bytes of a continuous stream (Icecast style)
    End,      // nothing more will come
  };
  Kind kind = Kind::Segment;
  std::shared_ptr<const std::string> init;  // fMP4 init section, or null (MPEG-TS)
  std::string data;
  std::int64_t sequence = 0;
  double duration = 0;                    // seconds (segments)
  double position = 0;                    // seconds from the start of the playlist
  std::optional<double> programDateTime;  // wall clock of the first sample
  bool discontinuity = false;             // reset the decoder before this chunk
  double skipSeconds = 0;                 // drop this much decoded audio first (seek)
  bool failed = false;                    // End: the fetcher already reported Failed
};

}  // namespace ml::net
