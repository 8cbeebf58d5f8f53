#include "app/Player.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

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

Player::Player(PlayOptions options)
    : options_(std::move(options)), cancel_(std::make_shared<CancelToken>()) {}

Player::~Player() { stopAll(); }

void Player::startThreads() {
  fetcher_ = std::thread([this] {
    net::StreamFetcher f(options_.fetch, chunks_, events_, cancel_);
    f.run();
  });
  decoder_ = std::thread([this] {
    decode::DecoderThread d(chunks_, programme_, events_, cancel_);
    d.run();
  });
}

void Player::stopAll() {
  if (sink_) sink_->stop();
  cancel_->cancel();
  chunks_.close();
  programme_.wakeWriter();
  if (fetcher_.joinable()) fetcher_.join();
  if (decoder_.joinable()) decoder_.join();
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
  } catch (const std::exception& e) {
    sink_.reset();
    stopAll();
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
  stopAll();
  handleEvents();
  if (mixer_.underrunFrames() > 0) {
    log::info("{} frames stilte door tekort aan data", mixer_.underrunFrames());
  }
  if (sigfd >= 0) close(sigfd);
  return code;
}

}  // namespace ml::app
