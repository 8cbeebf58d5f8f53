#include "app/SpeakLines.h"

#include <poll.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cmath>
#include <deque>
#include <future>
#include <memory>
#include <mutex>

#include "app/SoundDevices.h"
#include "audio/AudioFormat.h"
#include "audio/DeviceWatch.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/Sink.h"
#include "audio/SpeechBuffer.h"
#include "core/Log.h"
#include "core/Signals.h"
#include "core/Time.h"
#include "text/DutchNormalizer.h"
#include "ui/KeyDecoder.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

int wholeNumber(const Args& a, const std::string& name, int lo, int hi, int fallback, const char* what) {
  auto v = a.number(name);
  if (!v) return fallback;
  if (*v < lo || *v > hi || std::floor(*v) != *v) {
    throw UsageError(fmt::format("--{} verwacht {} van {} tot {}.", name, what, lo, hi));
  }
  return static_cast<int>(*v);
}

// A line as its speech starts: logged (--verbose: "gesproken: ..."), printed only when asked
// (stdout not a terminal, or a file being written): on a terminal a screen reader would say
// it again (docs/spraak.md).
void spoken(const std::string& text, bool print) {
  log::info("gesproken: {}", text);
  if (print) ui::line(text);
}

// What ends a wait that is not the end of the speech: the sound device stopped asking for
// audio (audio/DeviceWatch.h), said with one line and exit 1.
constexpr int kDeviceGone = -1;

int deviceGone() {
  log::warn("het geluidsapparaat vroeg {} s geen geluid meer", audio::DeviceWatch::kSilentDevice.count());
  ui::errorLine(audio::DeviceWatch::kMessage);
  return 1;
}

// Waits until the mixer has played everything (0), or a signal came (its number), or the
// device (when `device`) stopped asking for audio (kDeviceGone).
int interruptedBeforeEnd(audio::Mixer& mixer, int sigfd, bool device) {
  audio::DeviceWatch watch;
  while (!mixer.finished()) {
    pollfd fds[2] = {{mixer.finishedWakeup().fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 2 : 1, 500) < 0 && errno != EINTR) return 0;
    if (sigfd >= 0 && (fds[1].revents & POLLIN) != 0) {
      const int signo = takeSignal(sigfd);
      return signo != 0 ? signo : SIGINT;
    }
    if (device && watch.silent(mixer.renderCount())) return kDeviceGone;
  }
  return 0;
}

// `read` with keys: lines are queued from a position; the utterance-start hook tells which
// line is being spoken (pending: what was queued, in order, so a line is matched to its
// index even when texts repeat). A pause stops the speech and remembers the line; going on
// starts that line again. The programme is never marked ended, so the mixer does not finish
// while paused; the end is when nothing is queued and no speech has played for a while.
class Navigator {
 public:
  Navigator(const SpeakRequest& r, const ReadKeys& k, speech::SpeechEngine& engine, audio::Mixer& mixer)
      : r_(r), k_(k), engine_(engine), mixer_(mixer) {
    engine_.setOnUtteranceStart([this](const std::string& text) { started(text); });
  }
  ~Navigator() { engine_.setOnUtteranceStart(nullptr); }

  // Exit code: 0 read to the end or stopped by a key, 128 + the signal (130 Ctrl+C, 143 SIGTERM).
  int run(int sigfd) {
    ui::KeyDecoder decoder;
    auto lastBytes = std::chrono::steady_clock::now();
    queueFrom(0, {});
    std::uint64_t lastFrames = mixer_.speechFramesPlayed();
    auto quietSince = std::chrono::steady_clock::now();
    for (;;) {
      pollfd fds[2] = {{k_.terminal->fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
      const int timeout = decoder.pending() ? ui::KeyDecoder::kFlushMilliseconds : 100;
      const nfds_t count = k_.terminal->eof() ? 0 : 1;
      if (sigfd >= 0) {
        if (count == 0) fds[0] = fds[1];
        if (poll(fds, count + 1, timeout) < 0 && errno != EINTR) return 1;
        if ((fds[count].revents & POLLIN) != 0) {
          const int signo = takeSignal(sigfd);
          return stop("Gestopt.", exitStatusForSignal(signo != 0 ? signo : SIGINT));
        }
      } else if (poll(fds, count, timeout) < 0 && errno != EINTR) {
        return 1;
      }
      if (count == 1 && (fds[0].revents & (POLLIN | POLLHUP)) != 0) {
        const std::string bytes = k_.terminal->readAvailable();
        if (!bytes.empty()) lastBytes = std::chrono::steady_clock::now();
        for (const auto& k : decoder.feed(bytes)) {
          if (onKey(k)) return stop("Gestopt.", 0);
        }
        if (k_.terminal->eof()) return stop("Gestopt.", 0);  // nobody left to hear it
      }
      if (decoder.pending() && std::chrono::steady_clock::now() - lastBytes >=
                                   std::chrono::milliseconds(ui::KeyDecoder::kFlushMilliseconds)) {
        for (const auto& k : decoder.flush()) {
          if (onKey(k)) return stop("Gestopt.", 0);
        }
      }
      // The end: not paused, nothing queued or being synthesized, and silence for a while
      // (the speech ring and the device have played out).
      const std::uint64_t frames = mixer_.speechFramesPlayed();
      const auto now = std::chrono::steady_clock::now();
      if (frames != lastFrames || paused_ || !engine_.idle()) quietSince = now;
      lastFrames = frames;
      if (now - quietSince >= std::chrono::milliseconds(400)) return 0;
      if (watch_.silent(mixer_.renderCount(), now)) return kDeviceGone;
    }
  }

 private:
  int stop(const char* line, int rc) {
    engine_.setOnUtteranceStart(nullptr);
    silence();
    ui::line(line);
    return rc;
  }

  // True: the listener asked to stop.
  bool onKey(const std::string& key) {
    const auto action = k_.keys->action(key);
    using A = ui::Action;
    if (action == A::StopSpeech || action == A::Back || action == A::Quit) return true;
    if (action == A::PlayPause) {
      if (paused_) {
        queueFrom(current(), {});
      } else {
        silence();
        paused_ = true;
        ui::line("Gepauzeerd.");  // printed only: the silence says it already
      }
    } else if (action == A::Next || action == A::Previous) {
      move(action == A::Next ? 1 : -1);
    } else {
      // Any other key silences at once, like everywhere in meeluister; reading waits.
      silence();
      paused_ = true;
      std::string hint = hintFor(A::PlayPause, "leest verder");
      const std::string stops = hintFor(A::StopSpeech, "stopt");
      if (!stops.empty()) hint += (hint.empty() ? "" : ", ") + stops;
      if (hint.empty()) hint = "Gepauzeerd";
      hint[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(hint[0])));
      say(hint + ".");
    }
    return false;
  }

  void move(int direction) {
    const std::size_t at = current();
    std::size_t here = 0;  // the section the current line is in
    for (std::size_t i = 0; i < k_.sections.size(); ++i) {
      if (k_.sections[i] <= at) here = i;
    }
    if (k_.sections.empty()) return queueFrom(0, {});
    if (direction > 0 && here + 1 >= k_.sections.size()) {
      return queueFrom(k_.sections[here], "Dit is het laatste deel.");
    }
    if (direction < 0 && here == 0) return queueFrom(0, "Dit is het eerste deel.");
    queueFrom(k_.sections[direction > 0 ? here + 1 : here - 1], {});
  }

  std::string hintFor(ui::Action a, const char* what) const {
    const auto keys = k_.keys->keysFor(a);
    if (keys.empty()) return {};
    return ui::dutchKeyName(keys.front()) + " " + what;
  }

  // Speaks (and prints) one line outside the text, at the current line's place.
  void say(const std::string& text) {
    {
      std::lock_guard lock(mutex_);
      pending_.push_back({current_, text});
    }
    engine_.say(text, speech::Priority::Reply);
  }

  // From line `from` to the end, after `first` (a short message) when given.
  void queueFrom(std::size_t from, const std::string& first) {
    silence();
    paused_ = false;
    {
      std::lock_guard lock(mutex_);
      current_ = std::min(from, r_.lines.empty() ? 0 : r_.lines.size() - 1);
      if (!first.empty()) pending_.push_back({from, first});
      for (std::size_t i = from; i < r_.lines.size(); ++i) pending_.push_back({i, r_.lines[i]});
    }
    if (!first.empty()) engine_.say(first, speech::Priority::Reply);
    for (std::size_t i = from; i < r_.lines.size(); ++i) engine_.say(r_.lines[i], speech::Priority::Reply);
  }

  void silence() {
    {
      std::lock_guard lock(mutex_);
      pending_.clear();
    }
    engine_.stop();
  }

  std::size_t current() {
    std::lock_guard lock(mutex_);
    return current_;
  }

  // The engine's thread, just before an utterance is synthesized.
  void started(const std::string& text) {
    std::lock_guard lock(mutex_);
    if (pending_.empty() || pending_.front().second != text) return;  // a stopped one
    current_ = pending_.front().first;
    pending_.pop_front();
    spoken(text, r_.printLines);
  }

  const SpeakRequest& r_;
  const ReadKeys& k_;
  speech::SpeechEngine& engine_;
  audio::Mixer& mixer_;
  audio::DeviceWatch watch_;  // read with keys plays on a device only
  bool paused_ = false;  // app thread only
  std::mutex mutex_;
  std::deque<std::pair<std::size_t, std::string>> pending_;
  std::size_t current_ = 0;
};

}  // namespace

speech::SpeechOptions voiceOptions(const Args& a) {
  speech::SpeechOptions so;
  so.rate = wholeNumber(a, "spraaksnelheid", speech::kMinRate, speech::kMaxRate, so.rate, "een aantal woorden per minuut");
  so.pitch = wholeNumber(a, "toonhoogte", 0, 100, so.pitch, "een toonhoogte");
  so.volume = wholeNumber(a, "volume", 0, 200, so.volume, "een volume");
  return so;
}

audio::DeviceChoice speechDeviceFor(const Args& a, const Settings& settings) {
  return deviceRoute(a, settings, a.value("uitvoer").has_value()).forSpeech();
}

int speakLines(const SpeakRequest& request, const ReadKeys* readKeys) {
  SignalFd signals;
  const bool keys = readKeys != nullptr && readKeys->terminal != nullptr && readKeys->keys != nullptr && !request.output;
  audio::ProgrammeBuffer programme(0.1);
  // No debate: speech only. With keys the mixer must not finish while reading is paused.
  if (!keys) programme.markEnded();
  // With keys, a shorter speech ring: the line printed (and remembered for a pause) is
  // closer to the line heard.
  audio::SpeechBuffer speechBuffer(keys ? 0.5 : 1.0);
  speechBuffer.setDataWakeup(&programme.dataWakeup());
  audio::Mixer mixer(programme, speechBuffer);
  // eSpeak NG and the normaliser load while the device opens (both take tens of ms).
  auto starting = std::async(std::launch::async, [&] {
    if (request.voice.normalize) text::DutchNormalizer::standard();  // loads its word lists
    return std::make_unique<speech::SpeechEngine>(speechBuffer, request.voice);
  });
  speechBuffer.setActive(true);  // speech is coming: the mixer must not finish before it

  std::unique_ptr<audio::Sink> sink;
  try {
    sink = request.output ? audio::makeFileSink(mixer, programme, *request.output)
                          : audio::makeDeviceSink(mixer, request.device);
    sink->start();
  } catch (const std::exception& e) {
    starting.get()->stop();
    sink.reset();
    ui::errorLine(e.what());  // no device, or the file cannot be made: ends the command
    return 1;
  }
  std::unique_ptr<speech::SpeechEngine> engine = starting.get();  // rethrows a start failure
  if (keys) {
    int rc = 0;
    {
      Navigator nav(request, *readKeys, *engine, mixer);
      rc = nav.run(signals.fd());
    }
    engine->stop();
    if (rc == kDeviceGone) {
      sink.reset();  // a dead server's stream is closed, not drained
      return deviceGone();
    }
    if (rc == 0) usleep(150000);
    sink->stop();
    return rc;
  }
  // Only now that the sound has somewhere to go: no line is printed that will not be heard.
  const bool print = request.printLines;
  engine->setOnUtteranceStart([print](const std::string& text) { spoken(text, print); });
  for (const auto& l : request.lines) engine->say(l, speech::Priority::Reply);
  const int interrupted = interruptedBeforeEnd(mixer, signals.fd(), !request.output);
  if (interrupted == kDeviceGone) {
    engine->setOnUtteranceStart(nullptr);
    engine->stop();
    sink.reset();
    return deviceGone();
  }
  if (interrupted != 0) {
    engine->setOnUtteranceStart(nullptr);
    engine->stop();
    // A failed write says its own line afterwards (Commands: audio::sinkFailure).
    if (interrupted != sinkFailedSignal()) ui::line("Gestopt.");
  } else if (!request.output) {
    usleep(150000);  // let the device play out what it holds
  }
  sink->stop();
  if (interrupted != 0) return exitStatusForSignal(interrupted);  // 130 or 143
  if (request.output) {
    const double seconds = static_cast<double>(mixer.speechFramesPlayed()) / audio::kSampleRate;
    ui::line(fmt::format("Opgeslagen in {} ({} spraak).", *request.output, dutchDuration(seconds)));
  }
  return 0;
}

}  // namespace ml::app
