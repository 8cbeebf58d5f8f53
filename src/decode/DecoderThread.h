// The decoder thread: takes compressed chunks from the fetcher's queue, decodes them
// (FFmpeg, through lib/ffmpeg) and writes the mixer's format into the programme buffer,
// blocking while it is full. Reports pieces it could not decode as StreamEvents.
// Wakes nobody directly: the buffer's eventfd and the event queue do that.
#pragma once
#include <optional>

#include "lib/ffmpeg/AudioDecoder.h"

#include "audio/ProgrammeBuffer.h"
#include "core/Cancel.h"
#include "core/EventQueue.h"
#include "net/ChunkQueue.h"
#include "net/StreamEvent.h"

namespace ml::decode {

class DecoderThread {
 public:
  DecoderThread(net::ChunkQueue& in, audio::ProgrammeBuffer& out, EventQueue<net::StreamEvent>& events,
                CancelPtr cancel)
      : in_(in), out_(out), events_(events), cancel_(std::move(cancel)) {}
  // Thread body. Never throws; marks the programme ended when the input ends.
  void run() noexcept;

 private:
  void decodeStream(ffmpeg::AudioDecoder& decoder, net::MediaChunk first);

  net::ChunkQueue& in_;
  audio::ProgrammeBuffer& out_;
  EventQueue<net::StreamEvent>& events_;
  CancelPtr cancel_;
  std::optional<net::MediaChunk> carry_;  // a chunk read ahead by the stream reader
  bool ended_ = false;
};

}  // namespace ml::decode
