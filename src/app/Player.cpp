#include "app/Player.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "app/StreamMessages.h"
#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "core/Time.h"
#include "decode/DecoderThread.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

// SIGINT and SIGTERM arrive as a readable fd in the poll loop, not as async handlers.
// They are blocked before any thread starts, so every thread inherits the mask.
int blockedSignalFd() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

}  // namespace

Player::Player(PlayOptions options, audio::SpeechBuffer* speech)
    : options_(std::move(options)), cancel_(std::make_shared<CancelToken>()),
      chunks_(std::make_unique<net::ChunkQueue>(3)), mixer_(programme_, speech) {}

Player::~Player() { stop(); }

void Player::startThreads() {
  // Each run of the threads has its own token and queue, so a restart never mixes them.
  cancel_ = std::make_shared<CancelToken>();
  chunks_ = std::make_unique<net::ChunkQueue>(3);
  net::ChunkQueue& chunks = *chunks_;
  CancelPtr cancel = cancel_;
  fetcher_ = std::thread([this, &chunks, cancel, fetch = options_.fetch] {
    net::StreamFetcher f(fetch, chunks, events_, cancel);
    f.run();
  });
  decoder_ = std::thread([this, &chunks, cancel] {
    decode::DecoderThread d(chunks, programme_, events_, cancel);
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
  if (sink_) sink_->stop();
  sinkStarted_ = false;
  stopThreads();
}

void Player::open() {
  startThreads();
  if (options_.outputFile) {
    sink_ = audio::makeFileSink(mixer_, programme_, *options_.outputFile);
  } else if (options_.nullOutput) {
    sink_ = audio::makeNullSink(mixer_);
  } else {
    sink_ = audio::makeDeviceSink(mixer_);
  }
  sink_->start();
  sinkStarted_ = true;
}

void Player::restart(net::FetchOptions::Start start, double position) {
  stopThreads();
  // The reader drops the old programme at its next block; without one, do it here.
  if (sinkStarted_) {
    mixer_.requestClear();
    for (int i = 0; i < 100 && mixer_.clearPending(); ++i) usleep(5000);
  }
  if (mixer_.clearPending() || !sinkStarted_) mixer_.clearNow();
  // Events of the old run no longer apply.
  while (events_.tryPop()) {
  }
  options_.fetch.start = start;
  options_.fetch.position = position;
  foldedSeconds_ = 0;
  framesAtFold_ = mixer_.programmeFramesPlayed();
  startThreads();
}

void Player::foldSpeed() {
  const std::uint64_t now = mixer_.programmeFramesPlayed();
  foldedSeconds_ += static_cast<double>(now - framesAtFold_) / audio::kSampleRate * speed_.load();
  framesAtFold_ = now;
}

void Player::setSpeed(double speed) {
  foldSpeed();
  speed_.store(std::clamp(speed, 0.5, 3.0));
}

double Player::mediaSecondsPlayed() {
  foldSpeed();
  return foldedSeconds_;
}

std::vector<net::StreamEvent> Player::takeEvents() {
  events_.drainWakeup();
  std::vector<net::StreamEvent> out;
  while (auto e = events_.tryPop()) out.push_back(std::move(*e));
  return out;
}

bool Player::handleEvents() {
  events_.drainWakeup();
  bool goOn = true;
  while (auto e = events_.tryPop()) {
    using K = net::StreamEvent::Kind;
    if (e->kind == K::Failed) {
      failed_ = true;
      goOn = anyAudio_;  // play out what is buffered; nothing buffered: stop now
    }
    if (e->kind == K::PlayingLive || e->kind == K::PlayingFrom) anyAudio_ = true;
    std::string text = describe(*e);
    if (!text.empty()) ui::line(text);
  }
  return goOn;
}

// A device is started only once there is something to play (or nothing will come),
// so the listener's first sound is not delayed behind a buffer of silence.
void Player::waitForAudio(int sigfd) {
  while (programme_.readableFrames() == 0 && !programme_.ended() && !cancel_->cancelled()) {
    pollfd fds[3] = {{programme_.dataWakeup().fd(), POLLIN, 0}, {events_.fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 3 : 2, -1) < 0 && errno != EINTR) return;
    programme_.dataWakeup().drain();
    if ((fds[1].revents & POLLIN) != 0 && !handleEvents()) return;
    if ((fds[2].revents & POLLIN) != 0) return;
  }
}

int Player::run() {
  int sigfd = blockedSignalFd();
  if (options_.durationSeconds > 0) {
    mixer_.setStopAfterFrames(static_cast<std::uint64_t>(std::llround(options_.durationSeconds * audio::kSampleRate)));
  }
  // Network and decoding start first; opening the device (slow) overlaps with them.
  startThreads();
  try {
    if (options_.outputFile) {
      sink_ = audio::makeFileSink(mixer_, programme_, *options_.outputFile);
    } else if (options_.nullOutput) {
      sink_ = audio::makeNullSink(mixer_);
    } else {
      sink_ = audio::makeDeviceSink(mixer_);
      waitForAudio(sigfd);
    }
    sink_->start();
    sinkStarted_ = true;
  } catch (const std::exception& e) {
    sink_.reset();
    stop();
    handleEvents();
    ui::line(e.what());
    if (sigfd >= 0) close(sigfd);
    return 1;
  }
  int code = 0;
  while (true) {
    pollfd fds[3] = {{events_.fd(), POLLIN, 0}, {mixer_.finishedWakeup().fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 3 : 2, -1) < 0 && errno != EINTR) break;
    if ((fds[0].revents & POLLIN) != 0 && !handleEvents()) {
      code = 1;
      break;
    }
    if ((fds[2].revents & POLLIN) != 0) {
      ui::line("Gestopt.");
      code = 130;
      break;
    }
    if (mixer_.finished()) {
      handleEvents();
      if (failed_) {
        code = 1;
      } else if (options_.durationSeconds > 0 && mixer_.programmeFramesPlayed() >=
                                                     static_cast<std::uint64_t>(options_.durationSeconds * audio::kSampleRate) - 1) {
        ui::line(fmt::format("Gestopt na {}, zoals gevraagd.", dutchDuration(options_.durationSeconds)));
      } else {
        ui::line("Afgelopen.");
      }
      break;
    }
  }
  // Let a device play out what it holds before closing it.
  if (code == 0 && !options_.outputFile && !options_.nullOutput) usleep(150000);
  stop();
  handleEvents();
  if (mixer_.underrunFrames() > 0) {
    log::info("{} frames stilte door tekort aan data", mixer_.underrunFrames());
  }
  if (sigfd >= 0) close(sigfd);
  return code;
}

}  // namespace ml::app
