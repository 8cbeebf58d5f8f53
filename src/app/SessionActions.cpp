// What each of the listener's actions does in the interactive player (see Session.h).
#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "app/Session.h"
#include "app/modes/DescribeMode.h"
#include "app/modes/HelpMode.h"
#include "app/modes/PromptMode.h"
#include "audio/AudioFormat.h"
#include "core/Time.h"
#include "live/Announcements.h"
#include "sources/Reading.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

constexpr double kSmallSeek = 10;
constexpr double kLongSeek = 60;
constexpr double kTimeStep = 60;

std::string percent(int p) { return fmt::format("{} procent", p); }

std::string speedText(double s) {
  std::string t = fmt::format("{:.2f}", s);
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  std::replace(t.begin(), t.end(), '.', ',');
  return t + " keer";
}

}  // namespace

void Session::perform(ui::Action action) {
  using A = ui::Action;
  // A second where-am-i gives the rest only right after the first.
  if (action != A::WhereAmI) lastWhere_ = {};
  switch (action) {
    case A::PlayPause: togglePause(); break;
    case A::Next: step(+1); break;
    case A::Previous: step(-1); break;
    case A::LevelNext:
      level_ = nextLevel(level_);
      out_.say(std::string("Niveau: ") + dutchLevel(level_) + ".", speech::Priority::Echo);
      break;
    case A::LevelPrevious:
      level_ = previousLevel(level_);
      out_.say(std::string("Niveau: ") + dutchLevel(level_) + ".", speech::Priority::Echo);
      break;
    case A::SeekBack: seekBy(-kSmallSeek); break;
    case A::SeekForward: seekBy(kSmallSeek); break;
    case A::SeekBackLong: seekBy(-kLongSeek); break;
    case A::SeekForwardLong: seekBy(kLongSeek); break;
    case A::GoLive: goLive(); break;
    case A::GoToStart:
      if (recording_) seekTo(0, "Naar het begin.");
      else if (live()) seekLive(0, true);
      else out_.say(notSeekable("het begin is niet te kiezen"));
      break;
    case A::GoTo: goTo(); break;
    case A::Parts: listParts(); break;
    case A::Bookmark: setBookmark(); break;
    case A::Bookmarks: listBookmarks(); break;
    case A::SleepTimer: cycleSleepTimer(); break;
    case A::Subtitles: toggleSubtitles(); break;
    case A::Repeat: repeatSentence(false); break;
    case A::RepeatAloud: repeatSentence(true); break;
    case A::Search: search(); break;
    case A::SearchNext: searchStep(1); break;
    case A::SearchPrevious: searchStep(-1); break;
    case A::ReadInfo: readParts(0); break;
    case A::ReadAgenda: readParts(1); break;
    case A::ReadBackground: readParts(2); break;
    case A::WhereAmI: whereAmI(); break;
    case A::Time: sayTime(); break;
    case A::Help: help(); break;
    case A::DescribeKeys: describeKeys(); break;
    case A::VolumeUp: changeVolume(+10); break;
    case A::VolumeDown: changeVolume(-10); break;
    case A::Mute: toggleMute(); break;
    case A::SpeechRateUp: changeSpeechRate(+25); break;
    case A::SpeechRateDown: changeSpeechRate(-25); break;
    case A::SpeedUp: changeSpeed(+0.25); break;
    case A::SpeedDown: changeSpeed(-0.25); break;
    case A::SpeedNormal: changeSpeed(0); break;
    case A::Verbosity: cycleVerbosity(); break;
    case A::OutputMode: cycleOutputMode(); break;
    case A::StopSpeech: break;  // done: every key stops speech first
    case A::Select: whereAmI(); break;
    case A::Back:
      if (options_.fromMenu) {
        out_.say("Terug naar de lijst.");
        end_ = SessionEnd::Back;
      } else {
        out_.say(hint(ui::Action::Quit, "om te stoppen"), speech::Priority::Echo);
      }
      break;
    case A::Quit:
      out_.say("Tot ziens.");
      end_ = SessionEnd::Quit;
      break;
  }
}

void Session::togglePause() {
  auto& m = player_.mixer();
  m.setPaused(!m.paused());
  if (m.paused()) {
    out_.say(live() ? "Gepauzeerd. Bij verder spelen loopt u achter op live. " + hint(ui::Action::GoLive, "gaat terug naar live")
                    : "Gepauzeerd. " + positionText() + ".");
  } else {
    out_.say("Speelt.");
  }
}

void Session::step(int direction) {
  switch (level_) {
    case Level::Speaker: stepSpeaker(direction); break;
    case Level::AgendaItem: stepAgenda(direction); break;
    case Level::Time: seekBy(direction * kTimeStep); break;
  }
}

void Session::stepSpeaker(int direction) {
  if (!options_.debate || options_.debate->timeline.empty()) {
    out_.say("Van dit debat zijn geen sprekers bekend.");
    return;
  }
  if (recording_) {
    const auto& t = turns();
    if (t.empty()) {
      out_.say("De sprekers vallen buiten deze opname.");
      return;
    }
    const double at = position();
    auto target = direction > 0 ? nextTurn(t, at) : previousTurn(t, at);
    if (!target) {
      out_.say(direction > 0 ? "Dit is de laatste spreker." : "Dit is de eerste spreker.");
      return;
    }
    seekTo(t[*target].position, (t[*target].interruption ? "Interruptie: " : "Aan het woord: ") + t[*target].who + ".");
    return;
  }
  // Live: the speakers so far, read one by one (the stream itself stays live).
  std::vector<const SpeakerEvent*> list;
  for (const auto& e : options_.debate->timeline) {
    if (!e.name.empty() && (e.eventType == "speaker" || e.eventType == "interrupter")) list.push_back(&e);
  }
  if (list.empty()) {
    out_.say("Er heeft nog niemand gesproken.");
    return;
  }
  const int last = static_cast<int>(list.size()) - 1;
  if (liveSpeakerCursor_ < 0) liveSpeakerCursor_ = last + (direction > 0 ? 0 : 1);
  liveSpeakerCursor_ = std::clamp(liveSpeakerCursor_ + direction, 0, last);
  const SpeakerEvent& e = *list[static_cast<std::size_t>(liveSpeakerCursor_)];
  out_.say(fmt::format("{} om {} uur: {}.", e.eventType == "interrupter" ? "Interruptie" : "Spreker",
                       e.time.localClock(), speakerLabel(e)),
           speech::Priority::Echo);
}

void Session::stepAgenda(int direction) {
  if (!options_.debate) {
    out_.say("Van deze stream is geen agenda bekend.");
    return;
  }
  // In a recording whose agenda items the verbatim record places: Up and Down go there.
  if (recording_) {
    const auto marks = agendaMarks();
    if (!marks.empty()) {
      const double here = position();
      const AgendaMark* target = nullptr;
      if (direction > 0) {
        for (const auto& m : marks) {
          if (m.position > here + 1) {
            target = &m;
            break;
          }
        }
      } else {
        // The one before the item heard now (or its start, when well into it).
        for (const auto& m : marks) {
          if (m.position < here - 3) target = &m;
        }
      }
      if (target == nullptr) {
        out_.say(direction > 0 ? "Dit is het laatste agendapunt." : "Dit is het eerste agendapunt.", speech::Priority::Echo);
        return;
      }
      seekTo(target->position, "Agendapunt: " + target->title + ".");
      return;
    }
  }
  const auto parts = sources::agendaParts(*options_.debate);
  if (parts.empty()) return;
  const int last = static_cast<int>(parts.size()) - 1;
  if (agendaCursor_ < 0 && direction < 0) agendaCursor_ = 1;
  agendaCursor_ = std::clamp(agendaCursor_ + direction, 0, last);
  const auto& p = parts[static_cast<std::size_t>(agendaCursor_)];
  out_.say(p.heading, speech::Priority::Echo);
  out_.sayAll(p.sentences);
}

std::string Session::notSeekable(const std::string& what) const {
  // Only live is called live: an ended debate whose stream is not yet a finished recording
  // is said to be so.
  if (endedDebate()) {
    return "Deze opname is nog niet af bij de Kamer: " + what + ".";
  }
  return "Dit is een live uitzending: " + what + ".";
}

void Session::seekBy(double seconds) {
  if (live() && started_) {
    seekLive(seconds);
    return;
  }
  if (!recording_) {
    out_.say(notSeekable("spoelen kan niet") + " " + hint(ui::Action::PlayPause, "pauzeert"));
    return;
  }
  const double target = clampPosition(position() + seconds, length_);
  seekTo(target, fmt::format("{} {}.", seconds < 0 ? "Terug naar" : "Vooruit naar", dutchDuration(target)));
}

void Session::seekTo(double target, const std::string& why) {
  if (!recording_) {
    out_.say(notSeekable("spoelen kan niet"));
    return;
  }
  target = clampPosition(target, length_);
  out_.say(why, speech::Priority::Echo);
  player_.restart(net::FetchOptions::Start::Position, target);
  seeking_ = true;
  basePosition_ = target;
  ended_ = false;
  if (mpris_) mpris_->seeked(target);
}

void Session::goLive() {
  if (recording_) {
    // A recording has no live edge: its end is the nearest thing.
    if (length_ > 0) seekTo(std::max(0.0, length_ - 10), "Naar het einde van de opname.");
    else out_.say("Dit is een opname, geen live uitzending.");
    return;
  }
  player_.mixer().setPaused(false);
  if (speed_ != 1.0) {
    speed_ = 1.0;
    player_.setSpeed(speed_);
  }
  out_.say("Terug naar live.", speech::Priority::Echo);
  playLive(net::FetchOptions::Start::Live);
  seeking_ = true;
}

void Session::readParts(int which) {
  if (!options_.debate) {
    out_.say("Van deze stream is niets meer bekend dan het adres.");
    return;
  }
  const Debate& d = *options_.debate;
  std::vector<sources::ReadingPart> parts;
  if (which == 1) {
    parts = sources::agendaParts(d);
  } else if (which == 2) {
    parts = sources::backgroundParts(d);
  } else {
    for (auto& p : sources::readingOrder(d)) {
      if (p.kind == sources::ReadingPart::Kind::About || p.kind == sources::ReadingPart::Kind::Ministers) {
        parts.push_back(std::move(p));
      }
    }
  }
  for (const auto& p : parts) {
    out_.say(p.heading);
    out_.sayAll(p.sentences);
  }
}

void Session::whereAmI() {
  // The first `w` answers in about 5 s: debate, speaker, position and time left (or how far
  // behind live). A second `w` within a few seconds gives the rest.
  const auto now = std::chrono::steady_clock::now();
  const bool second = lastWhere_ != std::chrono::steady_clock::time_point{} && now - lastWhere_ < std::chrono::seconds(6);
  lastWhere_ = second ? std::chrono::steady_clock::time_point{} : now;
  if (second) {
    std::vector<std::string> lines;
    if (options_.debate) {
      const Debate& d = *options_.debate;
      lines.push_back(shortLine(d));
      const auto parts = sources::agendaParts(d);
      if (agendaCursor_ >= 0 && static_cast<std::size_t>(agendaCursor_) < parts.size()) {
        lines.push_back(parts[static_cast<std::size_t>(agendaCursor_)].heading);
      }
    }
    lines.push_back(fmt::format("Snelheid {}, volume {}{}, niveau {}.", speedText(speed_), percent(volumePercent_),
                                player_.mixer().muted() ? " (gedempt)" : "", dutchLevel(level_)));
    out_.sayAll(lines);
    return;
  }
  std::string line;
  if (options_.debate && !options_.debate->title.empty()) line = options_.debate->title + ". ";
  const std::string who = currentSpeaker();
  if (!who.empty()) line += "Aan het woord: " + who + ". ";
  if (!started_) {
    line += "Nog niet begonnen.";
  } else if (recording_) {
    line += "Positie " + dutchDuration(position());
    if (length_ > 0) line += ", nog " + dutchDuration(std::max(0.0, length_ - position()));
    if (recordingStartUtc_ > 0) line += ", in de zaal " + roomClock(recordingStartUtc_ + position()) + " uur";
    line += player_.mixer().paused() ? ", gepauzeerd." : ".";
  } else if (!live()) {
    line += "Opname";
    line += player_.mixer().paused() ? ", gepauzeerd." : ".";
  } else {
    line += liveText();
    line += player_.mixer().paused() ? ", gepauzeerd." : ".";
  }
  out_.say(line);
}

void Session::sayTime() {
  if (live() && started_) {
    out_.say(liveText() + ".");
    return;
  }
  std::string text = positionText() + ".";
  if (recordingStartUtc_ > 0) {
    const double utc = recording_ ? recordingStartUtc_ + position() : 0;
    if (utc > 0) text += " In de zaal was het toen " + roomClock(utc) + " uur.";
  }
  out_.say(text);
}

void Session::help() {
  auto mode = std::make_unique<HelpMode>(out_, keys_);
  out_.say(mode->opening());
  mode_ = std::move(mode);
}

// Go to a moment (issue 14): g opens a prompt; a position ("1:05:00", "12:30", "90") or
// a clock time in the room ("14.30", "14u30"), Enter goes there, Escape cancels.
void Session::goTo() {
  if (live() && started_ && heardUtcLive() > 0) {
    out_.say("Ga naar: typ een kloktijd, zoals 14.30, of een positie in het debat, zoals 1:05:00, en Enter. "
             "Escape annuleert.");
    mode_ = std::make_unique<PromptMode>(out_, [this](const std::string& text) { goToText(text); });
    return;
  }
  if (!recording_) {
    out_.say(notSeekable("naar een moment gaan kan niet"));
    return;
  }
  out_.say("Ga naar: typ een positie, zoals 1:05:00 of 12:30, of een kloktijd, zoals 14.30, en Enter. Escape annuleert.");
  mode_ = std::make_unique<PromptMode>(out_, [this](const std::string& text) { goToText(text); });
}

void Session::goToText(const std::string& text) {
  const auto m = parseMoment(text);
  if (!m) {
    out_.say(text.empty() ? "Niets getypt; de opname speelt verder."
                          : "Dat is geen tijd: " + text + ". Typ bijvoorbeeld 1:05:00, 12:30 of 14.30.");
    return;
  }
  goToMoment(*m, text);
}

void Session::goToMoment(const Moment& m, const std::string& typed) {
  if (live() && heardUtcLive() > 0) {
    // On live, a clock time in the room, or a position from the debate's start.
    const double behind = behindLiveNow();
    const double heard = heardUtcLive();
    const double edge = heard + behind;
    double utc = 0;
    if (m.kind == Moment::Kind::Clock) {
      utc = clockOnDayOf(heard, m.seconds);
    } else if (options_.debate && options_.debate->actualStart) {
      utc = static_cast<double>(options_.debate->actualStart->utcSeconds) + m.seconds;
    } else {
      out_.say("Het begin van dit debat is niet bekend. Typ een kloktijd, zoals 14.30.");
      return;
    }
    if (utc > edge - 1) {
      out_.say("Zover is het debat nog niet: live is het " + roomClock(edge) + " uur.");
      return;
    }
    seekLive(behind - (edge - utc), false,
             "Naar " + roomClock(utc) + " uur, " + dutchDuration(edge - utc) + " achter live.");
    return;
  }
  double target = m.seconds;
  if (m.kind == Moment::Kind::Clock) {
    if (recordingStartUtc_ <= 0) {
      out_.say("Van deze opname is de kloktijd niet bekend. Typ een positie, zoals 12:30.");
      return;
    }
    target = clockOnDayOf(recordingStartUtc_, m.seconds) - recordingStartUtc_;
    if (target < 0 || (length_ > 0 && target > length_)) {
      out_.say("Dat valt buiten deze opname: die loopt van " + roomClock(recordingStartUtc_) + " tot " +
               roomClock(recordingStartUtc_ + length_) + " uur.");
      return;
    }
    seekTo(target, "Naar " + roomClock(recordingStartUtc_ + target) + " uur, positie " + dutchDuration(target) + ".");
    return;
  }
  if (length_ > 0 && target > length_) {
    out_.say("De opname duurt " + dutchDuration(length_) + "; " + (typed.empty() ? clockPosition(target) : typed) +
             " ligt erna.");
    return;
  }
  seekTo(target, "Naar " + dutchDuration(target) + ".");
}

void Session::describeKeys() {
  const std::string off = keyFor(keys_, ui::Action::Back);
  out_.say(std::string("Toetsbeschrijving aan: elke toets zegt wat hij doet. Dezelfde toets") +
           (off.empty() ? "" : " of " + off) + " zet dit uit.");
  mode_ = std::make_unique<DescribeMode>(out_);
}

void Session::changeVolume(int delta) {
  volumePercent_ = std::clamp(volumePercent_ + delta, 0, 200);
  applyVolume();
  out_.say("Volume " + percent(volumePercent_) + ".", speech::Priority::Echo);
}

void Session::toggleMute() {
  auto& m = player_.mixer();
  m.setMuted(!m.muted());
  out_.say(m.muted() ? "Debat gedempt." : "Debat weer hoorbaar.", speech::Priority::Echo);
}

void Session::changeSpeechRate(int delta) {
  speech::Speaker* s = out_.speaker();
  if (s == nullptr) {
    out_.say("meeluister spreekt zelf niet in deze modus.");
    return;
  }
  s->setRate(s->rate() + delta);
  out_.say(fmt::format("Spraaksnelheid {} woorden per minuut.", s->rate()), speech::Priority::Echo);
}

void Session::changeSpeed(double delta) {
  double want = delta == 0 ? 1.0 : std::clamp(speed_ + delta, 0.5, 3.0);
  if (live() && started_ && want > 1.0) {
    // Faster than live only while behind; at live it drops to 1x by itself (watchCatchUp).
    if (behindLiveNow() < kCatchUpMargin) {
      out_.say("Sneller dan live kan alleen als u achterloopt, na een pauze of terugspoelen.", speech::Priority::Echo);
      return;
    }
    want = std::min(want, 2.0);
    speed_ = want;
    player_.setSpeed(speed_);
    out_.say("Snelheid " + speedText(speed_) + ", tot u bij live bent.", speech::Priority::Echo);
    return;
  }
  speed_ = want;
  player_.setSpeed(speed_);
  out_.say("Snelheid " + speedText(speed_) + ".", speech::Priority::Echo);
}

void Session::cycleVerbosity() {
  auto& v = options_.settings.verbosity;
  v = v == Verbosity::All ? Verbosity::Speakers : v == Verbosity::Speakers ? Verbosity::Off : Verbosity::All;
  if (v != Verbosity::Off && !follower_) startFollower();
  out_.say(std::string("Meldingen: ") + dutchName(v) + ".", speech::Priority::Echo);
}

void Session::cycleOutputMode() {
  OutputMode m = out_.mode();
  m = m == OutputMode::SelfVoicing ? OutputMode::ScreenReader
      : m == OutputMode::ScreenReader ? OutputMode::Both : OutputMode::SelfVoicing;
  out_.setMode(m);
  out_.say(std::string("Uitvoer: ") + dutchName(m) + ".", speech::Priority::Echo);
}

double Session::position() {
  if (!recording_) return 0;
  return basePosition_ + player_.mediaSecondsPlayed();
}

std::string Session::positionText() {
  if (!started_) return "Nog niet begonnen";
  if (!recording_) return live() ? "Live" : "Opname";
  std::string t = "Positie " + dutchDuration(position());
  if (length_ > 0) t += " van " + dutchDuration(length_);
  return t;
}

const std::vector<Turn>& Session::turns() const {
  auto& c = turnCache_;
  if (!options_.debate) {
    c = TurnCache{};
    return c.turns;
  }
  if (!c.valid || c.version != timelineVersion_ || c.startUtc != recordingStartUtc_ || c.length != length_) {
    c.turns = turnsOnRecording(options_.debate->timeline, recordingStartUtc_, length_);
    c.valid = true;
    c.version = timelineVersion_;
    c.startUtc = recordingStartUtc_;
    c.length = length_;
  }
  return c.turns;
}

std::string Session::currentSpeaker() const {
  if (!options_.debate) return {};
  if (recording_) {
    const auto& t = turns();
    const int i = turnAt(t, const_cast<Session*>(this)->position());
    return i >= 0 ? t[static_cast<std::size_t>(i)].who : std::string();
  }
  return live::currentSpeaker(options_.debate->timeline);
}

mpris::State Session::mprisState() {
  mpris::State s;
  auto& m = player_.mixer();
  s.playbackStatus = end_ ? "Stopped" : (m.paused() || ended_) ? "Paused" : "Playing";
  if (options_.debate) {
    s.title = options_.debate->title;
    s.album = options_.debate->room.name;
    if (!options_.debate->debateDate.empty()) s.album += (s.album.empty() ? "" : ", ") + options_.debate->debateDate;
    s.artist = currentSpeaker();
  } else {
    s.title = options_.play.fetch.url;
  }
  s.url = options_.play.fetch.url;
  s.canSeek = recording_;
  s.positionSeconds = recording_ ? position() : 0;
  s.lengthSeconds = recording_ ? length_ : 0;
  s.canGoNext = s.canGoPrevious = options_.debate.has_value();
  s.volume = volumePercent_ / 100.0;
  s.rate = speed_;
  return s;
}

// MPRIS: the same actions as the keys.
void Session::playPause() { togglePause(); }
void Session::play() {
  if (player_.mixer().paused()) togglePause();
}
void Session::pause() {
  if (!player_.mixer().paused()) togglePause();
}
void Session::stop() { pause(); }
void Session::next() { step(+1); }
void Session::previous() { step(-1); }
void Session::seek(double offsetSeconds) {
  if (recording_) seekBy(offsetSeconds);
}
void Session::setPosition(double seconds) {
  if (recording_) seekTo(seconds, "Naar " + dutchDuration(seconds) + ".");
}
void Session::setVolume(double volume) {
  volumePercent_ = static_cast<int>(std::lround(std::clamp(volume, 0.0, 2.0) * 100));
  applyVolume();
  out_.say("Volume " + percent(volumePercent_) + ".", speech::Priority::Echo);
}
void Session::setRate(double rate) {
  speed_ = std::clamp(rate, 0.5, 3.0);
  player_.setSpeed(speed_);
  out_.say("Snelheid " + speedText(speed_) + ".", speech::Priority::Echo);
}
void Session::quit() {
  out_.say("Tot ziens.");
  end_ = SessionEnd::Quit;
}

}  // namespace ml::app
