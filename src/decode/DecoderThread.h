// The decoder thread: takes compressed chunks from the fetcher's queue, decodes them
// (FFmpeg, through lib/ffmpeg) and writes the mixer's format into the programme buffer,
// blocking while it is full. Reports pieces it could not decode as StreamEvents.
// Wakes nobody directly: the buffer's eventfd and the event queue do that.
//
// Playback speed: when given `speed` (an atomic the app sets, 0.5..3.0, read once per
// decoded block), the audio is time-stretched with the pitch kept (audio::SpeedStage)
// before it is written; changes are seamless. Without it, or at 1.0, samples pass
// unchanged.
//
// Position: because of the speed, the media time played is not the output time. Set
// `mediaSecondsOut` (before run()) to learn how many seconds of the recording have been
// written to the programme buffer; the decoder only adds to it (fetch_add), so the app
// may store() a new origin at a seek. Each block written adds its output frames x the
// speed it was made at (at 1.0: exactly the decoded frames; frames dropped by a chunk's
// skipSeconds are not counted). The recording's position being heard is then
//     position = *mediaSecondsOut - programme.readableFrames() / kSampleRate * speed
// (minus the device latency x speed too, if wanted). The formula assumes the buffered
// audio was made at the current speed: right after a change it is off by at most
// buffered seconds x the change in speed, which goes to zero as the buffer (2 s) plays
// out. The speed stage's look-ahead (~31 ms of input) is not counted until it is output.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <optional>
#include <vector>

#include "lib/ffmpeg/AudioDecoder.h"

#include "audio/ProgrammeBuffer.h"
#include "audio/SpeedStage.h"
#include "core/Cancel.h"
#include "core/EventQueue.h"
#include "net/ChunkQueue.h"
#include "net/StreamEvent.h"

namespace ml::decode {

class DecoderThread {
 public:
  DecoderThread(net::ChunkQueue& in, audio::ProgrammeBuffer& out, EventQueue<net::StreamEvent>& events,
                CancelPtr cancel, const std::atomic<double>* speed = nullptr)
      : in_(in), out_(out), events_(events), cancel_(std::move(cancel)), speed_(speed),
        lastAudio_(std::chrono::steady_clock::now()) {}
  // Thread body. Never throws; marks the programme ended when the input ends.
  // Undecodable pieces: one DecodeError line, then at most one per 30 s (the rest is
  // logged). Nothing decodable for giveUpSeconds while pieces fail: Failed, and the
  // token is cancelled (the fetcher stops too). Input that ends without one decoded
  // sample: Failed ("geen afspeelbaar geluid"), unless the fetcher already failed.
  void run() noexcept;
  double giveUpSeconds = 60;

  // Seconds of the recording written so far (see the header comment); null: not kept.
  std::atomic<double>* mediaSecondsOut = nullptr;

 private:
  void decodeStream(ffmpeg::AudioDecoder& decoder, net::MediaChunk first);
  // Every decoded block goes through here: speed, media-time count, programme buffer.
  bool emit(const float* frames, std::size_t count);
  // End of the input: what the speed stage still holds.
  void flushSpeed();
  // To the programme buffer, counting the recording's seconds it stands for.
  bool write(const float* frames, std::size_t count);

  net::ChunkQueue& in_;
  audio::ProgrammeBuffer& out_;
  EventQueue<net::StreamEvent>& events_;
  CancelPtr cancel_;
  const std::atomic<double>* speed_;
  audio::SpeedStage stage_;
  std::vector<float> stretched_;  // the stage's output, reused
  void decodeFailed(const std::string& what, double seconds);

  std::optional<net::MediaChunk> carry_;  // a chunk read ahead by the stream reader
  bool ended_ = false;
  bool fetcherFailed_ = false;
  bool gaveUp_ = false;
  std::uint64_t framesOut_ = 0;  // decoded frames written (any speed)
  std::chrono::steady_clock::time_point lastAudio_;
  std::optional<std::chrono::steady_clock::time_point> lastErrorLine_;
};

}  // namespace ml::decode
