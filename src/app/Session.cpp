#include "app/Session.h"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "app/Resume.h"
#include "app/StreamMessages.h"
#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "ui/Lines.h"
#include "core/Time.h"
#include "live/Announcements.h"
#include "live/DebateFollower.h"
#include "ui/Terminal.h"

namespace ml::app {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTickMs = 250;
constexpr auto kEscapeTimeout = std::chrono::milliseconds(60);
constexpr auto kSaveEvery = std::chrono::seconds(15);

live::Level liveLevel(Verbosity v) {
  switch (v) {
    case Verbosity::All: return live::Level::All;
    case Verbosity::Speakers: return live::Level::Speakers;
    case Verbosity::Off: return live::Level::Off;
  }
  return live::Level::All;
}

}  // namespace

int exitCode(SessionEnd end) {
  switch (end) {
    case SessionEnd::Quit:
    case SessionEnd::Back:
    case SessionEnd::Ended: return 0;
    case SessionEnd::Failed: return 1;
    case SessionEnd::Interrupted: return 130;
  }
  return 1;
}

Session::Session(SessionOptions options, Output& output, ui::Terminal* terminal, const ui::KeyMap& keys,
                 audio::SpeechBuffer* speech, int signalFd)
    : options_(std::move(options)),
      out_(output),
      terminal_(terminal),
      keys_(keys),
      signalFd_(signalFd),
      player_(options_.play, speech) {
  interactive_ = terminal_ != nullptr && terminal_->interactive();
  const Settings& s = options_.settings;
  volumePercent_ = s.volumePercent;
  speed_ = s.speed;
  player_.mixer().setVolume(static_cast<float>(volumePercent_) / 100.0f);
  player_.mixer().setDucking({static_cast<float>(s.duckDb), static_cast<float>(s.duckAttackSeconds),
                              static_cast<float>(s.duckReleaseSeconds), s.duckPause});
  player_.setSpeed(speed_);
}

Session::~Session() {
  follower_.reset();
  mpris_.reset();
  player_.stop();
}

void Session::startMpris() {
  if (!options_.mpris) return;
  try {
    mpris_ = std::make_unique<mpris::Service>(*this, mprisState());
    log::info("MPRIS: {}", mpris_->busName());
  } catch (const std::exception& e) {
    log::warn("{} De rest werkt wel.", e.what());
  }
}

void Session::startFollower() {
  if (!options_.debate || !options_.sources || !options_.debate->isLive() || options_.debate->id.empty()) return;
  if (options_.settings.verbosity == Verbosity::Off) return;
  try {
    // MEELUISTER_POLL_SECONDS: a faster pace for tests against a loopback fixture.
    auto interval = std::chrono::milliseconds(5000);
    if (const char* env = std::getenv("MEELUISTER_POLL_SECONDS")) {
      char* end = nullptr;
      const double s = std::strtod(env, &end);
      if (end != env && s >= 0.1 && s <= 600) interval = std::chrono::milliseconds(static_cast<long>(s * 1000));
    }
    follower_ = std::make_unique<live::DebateFollower>(*options_.sources, *options_.debate, interval);
  } catch (const std::exception& e) {
    log::warn("kan het debat niet volgen: {}", e.what());
  }
}

SessionEnd Session::run() {
  if (options_.debate && options_.announceDebate) {
    const Debate& d = *options_.debate;
    out_.say("Debat: " + d.title + (d.room.name.empty() ? "" : ", " + d.room.name) + ".");
  }
  if (!options_.explicitStart && options_.settings.resume && options_.play.fetch.start == net::FetchOptions::Start::Default) {
    if (auto at = resume::load(resumeKey()); at && *at > 5) {
      player_.setStart(net::FetchOptions::Start::Position, *at);
      out_.say("Verder waar u was gebleven, op " + dutchDuration(*at) + ". " + hint(ui::Action::GoToStart, "voor het begin"));
    }
  }
  try {
    player_.open(signalFd_, !out_.voiced());
  } catch (const std::exception& e) {
    out_.say(e.what(), speech::Priority::Error);
    return SessionEnd::Failed;
  }
  if (interactive_) out_.say(hint(ui::Action::Help, "voor hulp"));
  startMpris();
  startFollower();
  lastSave_ = Clock::now();
  while (!end_) {
    std::vector<pollfd> fds;
    auto add = [&](int fd, short ev) {
      fds.push_back({fd, ev, 0});
      return fds.size() - 1;
    };
    const std::size_t evIdx = add(player_.eventsFd(), POLLIN);
    const std::size_t finIdx = add(player_.mixer().finishedWakeup().fd(), POLLIN);
    const std::size_t sigIdx = signalFd_ >= 0 ? add(signalFd_, POLLIN) : SIZE_MAX;
    const std::size_t keyIdx = interactive_ && !terminal_->eof() ? add(terminal_->fd(), POLLIN) : SIZE_MAX;
    const std::size_t folIdx = follower_ ? add(follower_->fd(), POLLIN) : SIZE_MAX;
    const std::size_t busIdx = mpris_ ? add(mpris_->fd(), mpris_->events()) : SIZE_MAX;
    int timeout = kTickMs;
    if (decoder_.pending()) timeout = static_cast<int>(kEscapeTimeout.count());
    if (mpris_ && mpris_->timeoutMs() >= 0) timeout = std::min(timeout, mpris_->timeoutMs());
    int n = poll(fds.data(), fds.size(), timeout);
    if (n < 0 && errno != EINTR) break;
    if (sigIdx != SIZE_MAX && (fds[sigIdx].revents & POLLIN) != 0) {
      signalfd_siginfo info;
      [[maybe_unused]] auto got = read(signalFd_, &info, sizeof info);
      out_.stopSpeech();
      ui::line("Gestopt.");
      end_ = SessionEnd::Interrupted;
      break;
    }
    if (keyIdx != SIZE_MAX && (fds[keyIdx].revents & (POLLIN | POLLHUP)) != 0) {
      std::string bytes = terminal_->readAvailable();
      if (!bytes.empty()) {
        lastKeyBytes_ = Clock::now();
        onKeys(decoder_.feed(bytes));
      }
      if (terminal_->eof()) {
        // The terminal is gone (closed or hung up): nobody can steer or hear the lines.
        log::info("toetsenbord gesloten; meeluister stopt");
        end_ = SessionEnd::Quit;
      }
    }
    if (decoder_.pending() && Clock::now() - lastKeyBytes_ >= kEscapeTimeout) onKeys(decoder_.flush());
    if (!end_ && (fds[evIdx].revents & POLLIN) != 0) onStreamEvents();
    if (!end_ && folIdx != SIZE_MAX && (fds[folIdx].revents & POLLIN) != 0) onFollower();
    if (!end_ && busIdx != SIZE_MAX && mpris_) mpris_->process();
    if (!end_ && (fds[finIdx].revents & POLLIN) != 0) {
      player_.mixer().finishedWakeup().drain();
      if (player_.mixer().finished()) onFinished();
    }
    if (!end_) onTick();
  }
  saveResume();
  if (end_ == SessionEnd::Quit || end_ == SessionEnd::Back) out_.stopSpeech();
  // Let a device play out what it holds before closing it.
  if (end_ == SessionEnd::Ended && !options_.play.outputFile && !options_.play.nullOutput) usleep(150000);
  follower_.reset();
  player_.stop();
  for (const auto& e : player_.takeEvents()) {
    std::string text = describe(e);
    if (!text.empty() && e.kind != net::StreamEvent::Kind::Ended) ui::line(text);
  }
  return *end_;
}

void Session::onStreamEvents() {
  for (const auto& e : player_.takeEvents()) {
    using K = net::StreamEvent::Kind;
    switch (e.kind) {
      case K::PlayingFrom:
        recording_ = true;
        started_ = true;
        ended_ = false;
        basePosition_ = e.seconds;
        if (e.firstSegmentUtc > 0) recordingStartUtc_ = e.firstSegmentUtc;
        if (e.length > 0) length_ = e.length;
        break;
      case K::PlayingLive:
        recording_ = false;
        started_ = true;
        behindLive_ = e.seconds;
        basePosition_ = 0;
        break;
      case K::Failed:
        failed_ = true;
        if (!started_ && !interactive_) end_ = SessionEnd::Failed;
        break;
      default:
        break;
    }
    std::string text = describe(e);
    if (e.kind == K::Ended && interactive_) continue;  // said when the audio has played out
    // After a jump the listener was already told where to; the reconnect is no news.
    if (seeking_ && (e.kind == K::Connecting || e.kind == K::PlayingFrom || e.kind == K::PlayingLive)) {
      if (e.kind != K::Connecting) seeking_ = false;
      continue;
    }
    if (!text.empty()) out_.say(text, e.kind == K::Failed ? speech::Priority::Error : speech::Priority::Reply);
  }
}

void Session::onFinished() {
  const auto& mixer = player_.mixer();
  // Scripts, and writing to a file (faster than real time), end with the stream.
  if (!interactive_ || options_.play.outputFile) {
    if (failed_) {
      end_ = SessionEnd::Failed;
    } else if (options_.play.durationSeconds > 0 &&
               mixer.programmeFramesPlayed() + 1 >=
                   static_cast<std::uint64_t>(options_.play.durationSeconds * audio::kSampleRate)) {
      ui::line(fmt::format("Gestopt na {}, zoals gevraagd.", dutchDuration(options_.play.durationSeconds)));
      end_ = SessionEnd::Ended;
    } else {
      ui::line("Afgelopen.");
      end_ = SessionEnd::Ended;
    }
    return;
  }
  if (ended_) return;
  ended_ = true;
  if (recording_) {
    resume::forget(resumeKey());
    out_.say("Einde van de opname. " + hint(ui::Action::GoToStart, "voor het begin") + " " +
             hint(ui::Action::Quit, "om te stoppen"));
  } else {
    out_.say((failed_ ? "De uitzending kan niet verder spelen. " : "De uitzending is afgelopen. ") +
             hint(ui::Action::Quit, "om te stoppen"));
  }
}

void Session::onFollower() {
  follower_->drain();
  for (const auto& note : follower_->takeNotes()) out_.say(note);
  auto fresh = follower_->takeFresh();
  if (fresh.empty()) return;
  if (options_.debate) {
    options_.debate->timeline = follower_->timeline();
    ++timelineVersion_;
    if (auto st = follower_->status()) options_.debate->status = *st;
  }
  for (const auto& a : live::announce(fresh, liveLevel(options_.settings.verbosity))) {
    out_.announce(a.text, a.shortText);
  }
}

void Session::onTick() {
  // Runs after every turn of the loop: the one place MPRIS learns the new state.
  if (mpris_) mpris_->update(mprisState());
  if (recording_ && started_ && Clock::now() - lastSave_ >= kSaveEvery) {
    saveResume();
    lastSave_ = Clock::now();
  }
}

void Session::onKeys(const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    if (end_) return;
    onKey(k);
  }
}

void Session::onKey(const std::string& key) {
  // Any key silences meeluister's own speech at once; the key's own answer follows.
  out_.stopSpeech();
  auto action = keys_.action(key);
  if (describing_) {
    if (action == ui::Action::DescribeKeys || action == ui::Action::Back) {
      describing_ = false;
      out_.say("Toetsbeschrijving uit.");
    } else if (action) {
      out_.say(ui::dutchKeyName(key) + ": " + ui::dutchDescription(*action) + ".", speech::Priority::Echo);
    } else {
      out_.say(ui::dutchKeyName(key) + ": geen functie.", speech::Priority::Echo);
    }
    return;
  }
  if (!action) {
    if (key != "onbekend") out_.say(ui::dutchKeyName(key) + " doet niets. Toets h voor hulp.", speech::Priority::Echo);
    return;
  }
  perform(*action);
}

std::string Session::hint(ui::Action action, const std::string& what) const {
  const auto keys = keys_.keysFor(action);
  if (keys.empty()) return {};
  return "Toets " + ui::dutchKeyName(keys.front()) + " " + what + ".";
}

std::string Session::resumeKey() const {
  if (options_.debate && !options_.debate->id.empty()) return "debat:" + options_.debate->id;
  return options_.play.fetch.url;
}

void Session::saveResume() {
  if (!recording_ || !started_ || !options_.settings.resume || ended_) return;
  const double at = position();
  if (at > 5 && (length_ <= 0 || at < length_ - 5)) resume::save(resumeKey(), at);
}

}  // namespace ml::app
