#include "app/Player.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "decode/DecoderThread.h"

namespace ml::app {

Player::Player(PlayOptions options, audio::SpeechBuffer* speech)
    : options_(std::move(options)), cancel_(std::make_shared<CancelToken>()),
      chunks_(std::make_unique<net::ChunkQueue>(3)), mixer_(programme_, speech), speech_(speech) {}

Player::~Player() { stop(); }

void Player::startThreads() {
  // Each run of the threads has its own token and queue, so a restart never mixes them.
  cancel_ = std::make_shared<CancelToken>();
  chunks_ = std::make_unique<net::ChunkQueue>(3);
  mediaOut_.store(0);
  net::ChunkQueue& chunks = *chunks_;
  CancelPtr cancel = cancel_;
  fetcher_ = std::thread([this, &chunks, cancel, fetch = options_.fetch] {
    net::StreamFetcher f(fetch, chunks, events_, cancel);
    f.run();
  });
  decoder_ = std::thread([this, &chunks, cancel] {
    decode::DecoderThread d(chunks, programme_, events_, cancel, &speed_);
    d.mediaSecondsOut = &mediaOut_;
    d.run();
  });
}

void Player::stopThreads() {
  cancel_->cancel();
  chunks_->close();
  programme_.wakeWriter();
  if (fetcher_.joinable()) fetcher_.join();
  if (decoder_.joinable()) decoder_.join();
}

void Player::stop() {
  if (holding_) {
    holding_ = false;
    programme_.watchData(false);
  }
  if (sink_) sink_->stop();
  if (speechSink_) speechSink_->stop();
  sinkStarted_ = false;
  stopThreads();
}

// meeluister's voice on a stream of its own (on --spraak-apparaat, else beside the debate
// on the same device): a 30 ms buffer, so a key is answered at once, running only while
// there is speech; the debate's stream keeps a 200 ms buffer, which costs a third of the
// wake-ups (docs/benchmarks.md). Armed at once, so speech is heard while the stream
// connects. The debate's mixer ducks while the voice is queued or sounding.
void Player::openSpeechDevice() {
  speechProgramme_.markEnded();  // no debate here: only speech
  speechMixer_ = std::make_unique<audio::Mixer>(speechProgramme_, *speech_);
  speechSink_ = audio::makeSpeechOnDemandSink(*speechMixer_, *speech_,
                                              options_.speechDevice ? *options_.speechDevice : options_.device);
  mixer_.duckFor(*speechMixer_);
  speechSink_->start();
}

void Player::open(int sigfd, bool waitForAudio) {
  if (options_.durationSeconds > 0) {
    mixer_.setStopAfterFrames(static_cast<std::uint64_t>(std::llround(options_.durationSeconds * audio::kSampleRate)));
  }
  startThreads();
  if (options_.outputFile) {
    sink_ = audio::makeFileSink(mixer_, programme_, *options_.outputFile);
  } else if (options_.nullOutput) {
    sink_ = audio::makeNullSink(mixer_);
  } else {
    if (speech_ != nullptr && !speechSink_) openSpeechDevice();
    sink_ = audio::makeDeviceSink(mixer_, options_.device, audio::DeviceRole::Debate);
    if (waitForAudio) waitForData(sigfd);
  }
  sink_->start();
  sinkStarted_ = true;
}

void Player::restart(net::FetchOptions::Start start, double position) {
  stopThreads();
  // A device is held (its buffer of the old position dropped) until the new audio is
  // there; then nobody reads and the programme is cleared here.
  if (sinkStarted_ && !holding_ && sink_->hold()) {
    holding_ = true;
    programme_.watchData(true);
  }
  if (holding_) {
    heldSince_ = std::chrono::steady_clock::now();
    mixer_.clearNow();
  } else {
    // The reader drops the old programme at its next block; without one, do it here.
    if (sinkStarted_) {
      mixer_.requestClear();
      for (int i = 0; i < 100 && mixer_.clearPending(); ++i) usleep(5000);
    }
    if (mixer_.clearPending() || !sinkStarted_) mixer_.clearNow();
  }
  // Events of the old run no longer apply.
  while (events_.tryPop()) {
  }
  options_.fetch.start = start;
  options_.fetch.position = position;
  startThreads();
}

bool Player::releaseWhenReady() {
  programme_.dataWakeup().drain();  // always: a wakeup left over must not spin the loop
  if (!holding_) return false;
  constexpr auto kHoldAtMost = std::chrono::seconds(2);
  // Enough to fill the device's buffer (200 ms): started with less, it pads the rest with
  // silence that then plays before the audio still coming (a seek heard 0.2 s later).
  constexpr std::size_t kStartFrames = audio::kSampleRate / 4;
  if (programme_.readableFrames() < kStartFrames && !programme_.ended() &&
      std::chrono::steady_clock::now() - heldSince_ < kHoldAtMost) {
    return false;
  }
  programme_.watchData(false);
  holding_ = false;
  sink_->release();
  return true;
}

void Player::setSpeed(double speed) { speed_.store(std::clamp(speed, 0.5, 3.0)); }

// What the decoder wrote of the recording, less what still waits in the buffer.
double Player::mediaSecondsPlayed() {
  const double buffered = static_cast<double>(programme_.readableFrames()) / audio::kSampleRate * speed_.load();
  return std::max(0.0, mediaOut_.load() - buffered);
}

std::vector<net::StreamEvent> Player::takeEvents() {
  events_.drainWakeup();
  std::vector<net::StreamEvent> out;
  while (auto e = events_.tryPop()) out.push_back(std::move(*e));
  return out;
}

// Waits until the decoder has written audio, or none will come, or a signal came.
void Player::waitForData(int sigfd) {
  programme_.watchData(true);
  while (programme_.readableFrames() == 0 && !programme_.ended() && !cancel_->cancelled()) {
    pollfd fds[2] = {{programme_.dataWakeup().fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR) break;
    programme_.dataWakeup().drain();
    if ((fds[1].revents & POLLIN) != 0) break;
  }
  programme_.watchData(false);
}

}  // namespace ml::app
