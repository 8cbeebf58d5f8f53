#include "app/Session.h"

#include <poll.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdlib>

#include "app/Resume.h"
#include "app/StreamMessages.h"
#include "app/modes/HelpMode.h"
#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "core/Signals.h"
#include "ui/Lines.h"
#include "core/Time.h"
#include "live/Announcements.h"
#include "live/DebateFollower.h"
#include "words/RecordFeed.h"
#include "words/SubtitleFeed.h"
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
    case SessionEnd::Terminated: return 143;
  }
  return 1;
}

SessionEnd signalEnd(int signo) { return signo == SIGTERM ? SessionEnd::Terminated : SessionEnd::Interrupted; }

Session::Session(SessionOptions options, Output& output, ui::Terminal* terminal, const ui::KeyMap& keys,
                 audio::SpeechBuffer* speech, int signalFd)
    : options_(std::move(options)),
      out_(output),
      terminal_(terminal),
      keys_(keys),
      signalFd_(signalFd),
      player_(options_.play, speech),
      playing_(*this, out_, keys_) {
  interactive_ = terminal_ != nullptr && terminal_->interactive();
  liveUrl_ = options_.play.fetch.url;
  const Settings& s = options_.settings;
  volumePercent_ = s.volumePercent;
  speed_ = s.speed;
  player_.mixer().setVolume(static_cast<float>(volumePercent_) / 100.0f);
  player_.mixer().setDucking({static_cast<float>(s.duckDb), static_cast<float>(s.duckAttackSeconds),
                              static_cast<float>(s.duckReleaseSeconds), s.duckPause});
  player_.setSpeed(speed_);
  subtitlesOn_ = s.subtitles;
  // Say what is true: an ended debate is a recording and plays as one (issue 13), also
  // while the Kamer's playlist for it is not closed yet.
  player_.setRecording(endedDebate());
}

Session::~Session() {
  record_.reset();
  subtitles_.reset();
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

void Session::announceStart() {
  if (!options_.debate || !options_.announceDebate) return;
  const Debate& d = *options_.debate;
  // One short line, the deciding word first. Spoken, it keeps to the speech budget (about
  // 3 s: word and title, cut; room and whole title on w and i); printed, for a screen
  // reader or braille, it is whole (word, room, title).
  out_.say(out_.speaksReplies() ? openingLine(d) : shortLine(d));
  // Notes are mostly which data source did not answer, and how (hosts, status codes): the
  // detail is for the log; the listener reads, in plain words, what it means.
  for (const auto& note : d.notes) log::info("{}", note);
  if (!d.notes.empty()) out_.note("Niet alle gegevens over dit debat zijn nu te krijgen.");
}

SessionEnd Session::run() {
  announceStart();
  // Scripts never resume silently: only with a terminal, or when asked for.
  const bool mayResume = interactive_ || options_.resume;
  if (mayResume && !options_.explicitStart && options_.settings.resume &&
      options_.play.fetch.start == net::FetchOptions::Start::Default) {
    if (auto at = resume::load(resumeKey()); at && *at > 5) {
      player_.setStart(net::FetchOptions::Start::Position, *at);
      out_.note("Verder waar u was gebleven, op " + dutchDuration(*at) + ". " + hint(ui::Action::GoToStart, "voor het begin"));
    }
  }
  try {
    player_.open(signalFd_, !out_.voiced());
  } catch (const std::exception& e) {
    out_.say(e.what(), speech::Priority::Error);
    return SessionEnd::Failed;
  }
  if (interactive_) out_.note(hint(ui::Action::Help, "voor hulp"));
  if (options_.play.sleepSeconds) {
    sleep_.set(*options_.play.sleepSeconds);
    out_.note("Slaaptimer: meeluister stopt over " + dutchDuration(*options_.play.sleepSeconds) + ".");
  }
  startMpris();
  startFollower();
  if (subtitlesOn_) startSubtitles();
  startRecord();
  lastSave_ = Clock::now();

  loop_.onSignal(signalFd_, [this](int signo) { onSignal(signo); });
  loop_.watch(player_.eventsFd(), POLLIN, [this](short) { onStreamEvents(); });
  // After a seek the device is held until the new audio is there (Player::restart).
  loop_.watch(player_.audioReadyFd(), POLLIN, [this](short) { player_.releaseWhenReady(); });
  loop_.watch(player_.mixer().finishedWakeup().fd(), POLLIN, [this](short) {
    player_.mixer().finishedWakeup().drain();
    if (player_.mixer().finished()) onFinished();
  });
  if (interactive_ && !terminal_->eof()) keyWatch_ = loop_.watch(terminal_->fd(), POLLIN, [this](short) { onTerminal(); });
  if (follower_) loop_.watch(follower_->fd(), POLLIN, [this](short) { onFollower(); });
  if (mpris_) busWatch_ = loop_.watch(mpris_->fd(), mpris_->events(), [this](short) { mpris_->process(); });
  loop_.every(std::chrono::milliseconds(kTickMs), [] {});  // the tick: onTick runs after each turn
  loop_.beforeWait([this] {
    if (mpris_) {
      loop_.setEvents(busWatch_, mpris_->events());
      return mpris_->timeoutMs();
    }
    return -1;
  });
  loop_.afterTurn([this] {
    if (end_) {
      loop_.stop();
      return;
    }
    onTick();
  });
  if (!loop_.run() && !end_) end_ = SessionEnd::Failed;
  if (!end_) end_ = SessionEnd::Quit;

  saveResume();
  if (end_ == SessionEnd::Quit) sayFarewell();
  if (end_ == SessionEnd::Quit || end_ == SessionEnd::Back) out_.stopSpeech();
  // Let a device play out what it holds before closing it.
  if (end_ == SessionEnd::Ended && !options_.play.outputFile && !options_.play.nullOutput) usleep(150000);
  follower_.reset();
  player_.stop();
  for (const auto& e : player_.takeEvents()) {
    using K = net::StreamEvent::Kind;
    std::string text = describe(e);
    if (text.empty() || e.kind == K::Ended) continue;
    // A jump asked just before the end was said already; its start is no news after "Tot ziens".
    if (seeking_ && (e.kind == K::Connecting || e.kind == K::PlayingFrom || e.kind == K::PlayingLive)) continue;
    if (weightOf(e) == Weight::Log && interactive_) log::info("{}", text);
    else out_.note(text);
  }
  return *end_;
}

// The last words ("Tot ziens.", the sleep timer's end) are heard before the voice stops:
// at most kFarewell, and a key cuts them short as everywhere.
void Session::sayFarewell() {
  speech::Speaker* s = out_.speaker();
  if (s == nullptr || !out_.voiced()) return;
  constexpr auto kFarewell = std::chrono::seconds(4);
  const auto until = Clock::now() + kFarewell;
  while (Clock::now() < until && !s->idle()) {
    if (interactive_ && !terminal_->eof()) {
      pollfd fd{terminal_->fd(), POLLIN, 0};
      if (poll(&fd, 1, 50) > 0) return;
    } else {
      usleep(50000);
    }
  }
  usleep(300000);  // the speech ring and the device play out
}

void Session::onSignal(int signo) {
  out_.stopSpeech();
  // A failed write to --output says its own line afterwards (Commands: audio::sinkFailure).
  if (signo != sinkFailedSignal()) out_.note("Gestopt.");
  end_ = signalEnd(signo);
  loop_.stop();
}

void Session::onTerminal() {
  std::string bytes = terminal_->readAvailable();
  if (!bytes.empty()) {
    onKeys(decoder_.feed(bytes));
    // A lone Escape is a key only when no more of a sequence follows within 60 ms.
    loop_.cancel(escapeTimer_);
    escapeTimer_ = 0;
    if (decoder_.pending()) {
      escapeTimer_ = loop_.after(kEscapeTimeout, [this] {
        escapeTimer_ = 0;
        if (!end_) onKeys(decoder_.flush());
      });
    }
  }
  if (terminal_->eof()) {
    // The terminal is gone (closed or hung up): nobody can steer or hear the lines.
    log::info("toetsenbord gesloten; meeluister stopt");
    loop_.unwatch(keyWatch_);
    if (!end_) end_ = SessionEnd::Quit;
  }
}

void Session::onStreamEvents() {
  for (const auto& e : player_.takeEvents()) {
    using K = net::StreamEvent::Kind;
    switch (e.kind) {
      case K::PlayingFrom:
        if (onDayRecording_) {
          // The day's recording on live: still live, behind the edge by the clock.
          started_ = true;
          ended_ = false;
          basePosition_ = 0;
          liveSince_ = Clock::now();
          if (e.firstSegmentUtc > 0) {
            liveStartUtc_ = e.firstSegmentUtc + e.seconds;
            const double since = std::chrono::duration<double>(liveSince_ - daySince_).count();
            behindLive_ = std::max(0.0, dayEdgeUtc_ + since - liveStartUtc_);
          }
          break;
        }
        recording_ = true;
        started_ = true;
        ended_ = false;
        basePosition_ = e.seconds;
        if (e.firstSegmentUtc > 0) recordingStartUtc_ = e.firstSegmentUtc;
        if (e.length > 0) length_ = e.length;
        if (auto clock = std::exchange(options_.play.startClock, std::nullopt)) {
          goToMoment(Moment{Moment::Kind::Clock, *clock}, "");
        }
        break;
      case K::PlayingLive:
        recording_ = false;
        started_ = true;
        behindLive_ = e.seconds;
        liveSince_ = Clock::now();
        liveStartUtc_ = e.startUtc;
        basePosition_ = 0;
        break;
      case K::Failed:
        if (onDayRecording_ && interactive_) {
          leaveDayRecording(true);
          continue;
        }
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
    if (text.empty()) continue;
    // Scripts keep every stream line as their record (printed, never spoken: scripts get no
    // speech); the listener gets them by weight: technical ones only in the log.
    const Weight w = !interactive_ && weightOf(e) == Weight::Log ? Weight::Print : weightOf(e);
    out_.say(text, e.kind == K::Failed ? speech::Priority::Error : speech::Priority::Reply, w);
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
      out_.note(fmt::format("Gestopt na {}, zoals gevraagd.", dutchDuration(options_.play.durationSeconds)));
      end_ = SessionEnd::Ended;
    } else {
      out_.note("Afgelopen.");
      end_ = SessionEnd::Ended;
    }
    return;
  }
  if (onDayRecording_) {
    leaveDayRecording(false);
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
  player_.releaseWhenReady();  // a held device's longest wait (no audio came)
  watchDevice();
  watchSleepTimer();
  watchCatchUp();
  printSubtitles();
  if (recording_ && started_ && Clock::now() - lastSave_ >= kSaveEvery) {
    saveResume();
    lastSave_ = Clock::now();
  }
}

// Every fault ends: a device that stops asking for audio ends the session with one line
// (audio/DeviceWatch.h).
void Session::watchDevice() {
  if (!player_.playsOnDevice()) return;
  if (!deviceWatch_.silent(player_.mixer().renderCount())) return;
  log::warn("het geluidsapparaat vroeg {} s geen geluid meer", audio::DeviceWatch::kSilentDevice.count());
  out_.note(audio::DeviceWatch::kMessage);
  end_ = SessionEnd::Failed;
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
  const auto action = keys_.action(key);
  if (mode_) {
    const KeyResult r = mode_->key(key, action);
    // A mode that opens the next one (the search prompt its list of places) leaves it
    // here: a mode is never replaced inside its own key().
    if (nextMode_) {
      mode_ = std::move(nextMode_);
      return;
    }
    if (r == KeyResult::Handled) return;
    mode_.reset();
    if (r == KeyResult::Leave) return;
  }
  playing_.key(key, action);
  if (nextMode_) mode_ = std::move(nextMode_);
}

std::string Session::hint(ui::Action action, const std::string& what) const {
  return keyHint(keys_, action, what);
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
