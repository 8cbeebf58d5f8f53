// Moving through the debate's time (issue 14): the list of parts, bookmarks and the sleep
// timer. Each list is a mode of its own (ListMode, BookmarksMode); the sleep timer is
// watched in onTick. Go to a moment is in SessionActions.cpp.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include "app/Resume.h"
#include "app/Session.h"
#include "app/modes/ListMode.h"
#include "core/Log.h"
#include "core/Time.h"
#include "live/Announcements.h"

namespace ml::app {

std::string roomClock(double utc) {
  const auto s = static_cast<std::int64_t>(utc);
  return TimePoint{s, dutchOffsetMinutes(s)}.localClock();
}

std::string clockText(double utc) { return roomClock(utc) + " uur"; }

namespace {

using Clock = std::chrono::steady_clock;

// The bookmark list: Up/Down walk, Enter plays and closes, Delete removes, Escape closes;
// other keys close the list and act in the player.
class BookmarksMode : public Mode {
 public:
  using Marks = std::vector<resume::Bookmark>;
  BookmarksMode(Output& out, Marks marks, std::size_t cursor, std::function<std::string(const resume::Bookmark&)> label,
                std::function<void(const resume::Bookmark&)> play, std::function<bool(const Marks&)> keep)
      : out_(out), marks_(std::move(marks)), label_(std::move(label)), play_(std::move(play)), keep_(std::move(keep)),
        list_() {
    makeList(cursor);
  }

  KeyResult key(const std::string& key, std::optional<ui::Action> action) override {
    if (key == "delete" && !marks_.empty()) {
      const std::size_t at = list_->cursor();
      const std::string gone = marks_[at].name;
      marks_.erase(marks_.begin() + static_cast<std::ptrdiff_t>(at));
      if (!keep_(marks_)) {
        out_.say("De bladwijzer kon niet verwijderd worden.", speech::Priority::Echo);
        return KeyResult::Leave;
      }
      if (marks_.empty()) {
        out_.say("Verwijderd: " + gone + ". Er zijn geen bladwijzers meer.", speech::Priority::Echo);
        return KeyResult::Leave;
      }
      makeList(std::min(at, marks_.size() - 1));
      out_.say("Verwijderd: " + gone + ".", speech::Priority::Echo);
      list_->sayCurrent();
      return KeyResult::Handled;
    }
    return list_->key(key, action);
  }

  void sayCurrent() { list_->sayCurrent(); }

 private:
  void makeList(std::size_t cursor) {
    std::vector<std::string> items;
    for (const auto& m : marks_) items.push_back(label_(m));
    ListMode::Hooks hooks;
    hooks.choose = [this](std::size_t i) { play_(marks_[i]); };
    hooks.leaveAfterChoose = true;
    hooks.passUnknown = true;
    hooks.back = [this] {
      out_.say("Bladwijzers gesloten.", speech::Priority::Echo);
      return KeyResult::Leave;
    };
    list_.emplace(out_, std::move(items), std::move(hooks), cursor);
  }

  Output& out_;
  Marks marks_;
  std::function<std::string(const resume::Bookmark&)> label_;
  std::function<void(const resume::Bookmark&)> play_;
  std::function<bool(const Marks&)> keep_;
  std::optional<ListMode> list_;
};

}  // namespace

// A list of the speakers' turns (and the agenda items when the verbatim record gives their
// times) with their times; Enter plays the chosen one. On live,
// the speakers so far are listed with their clock times (the stream stays live).
void Session::listParts() {
  if (!options_.debate || (options_.debate->timeline.empty() && (!recording_ || agendaMarks().empty()))) {
    out_.say("Van dit debat zijn geen sprekers bekend.");
    return;
  }
  if (!recording_) {
    std::vector<std::string> items;
    for (const auto& e : options_.debate->timeline) {
      if (e.name.empty() || (e.eventType != "speaker" && e.eventType != "interrupter")) continue;
      items.push_back(fmt::format("{}, {} uur{}", speakerLabel(e), e.time.localClock(),
                                  e.eventType == "interrupter" ? ", interruptie" : ""));
    }
    if (items.empty()) {
      out_.say("Er heeft nog niemand gesproken.");
      return;
    }
    ListMode::Hooks hooks;
    hooks.passUnknown = true;
    hooks.back = [this] { return closedList(); };
    const std::size_t last = items.size() - 1;
    out_.say(fmt::format("Sprekers tot nu toe: {}. Pijl omhoog en omlaag lopen erdoor, Escape sluit. {}", items.size(),
                         notSeekable("terugspoelen kan niet")));
    auto mode = std::make_unique<ListMode>(out_, std::move(items), std::move(hooks), last);
    mode->sayCurrent();
    mode_ = std::move(mode);
    return;
  }
  // The speaker turns and, when the verbatim record gives their times, the agenda items,
  // in the order of the recording.
  struct Part {
    double position;
    std::string label, said;
  };
  std::vector<Part> parts;
  const auto& t = turns();
  for (const auto& turn : t) {
    std::string item = turn.who;
    if (turn.interruption) item += ", interruptie";
    item += recordingStartUtc_ > 0 ? ", " + clockText(recordingStartUtc_ + turn.position) : "";
    item += ", positie " + dutchDuration(turn.position);
    parts.push_back({turn.position, std::move(item), (turn.interruption ? "Interruptie: " : "Aan het woord: ") + turn.who + "."});
  }
  const auto marks = agendaMarks();
  for (const auto& m : marks) {
    std::string item = "Agendapunt: " + m.title;
    item += recordingStartUtc_ > 0 ? ", " + clockText(recordingStartUtc_ + m.position) : "";
    item += ", positie " + dutchDuration(m.position);
    parts.push_back({m.position, std::move(item), "Agendapunt: " + m.title + "."});
  }
  if (parts.empty()) {
    out_.say(options_.debate->timeline.empty() ? "Van dit debat zijn geen sprekers bekend."
                                               : "De sprekers vallen buiten deze opname.");
    return;
  }
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.position < b.position; });
  std::vector<std::string> items;
  std::size_t here = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    items.push_back(parts[i].label);
    if (parts[i].position <= position() + 0.5) here = i;
  }
  ListMode::Hooks hooks;
  hooks.choose = [this, parts](std::size_t i) {
    if (i < parts.size()) seekTo(parts[i].position, parts[i].said);
  };
  hooks.leaveAfterChoose = true;
  hooks.passUnknown = true;
  hooks.back = [this] { return closedList(); };
  out_.say(fmt::format("{}: {}. Pijl omhoog en omlaag lopen erdoor, Enter speelt, Escape sluit.",
                       marks.empty() ? "Sprekers" : "Sprekers en agendapunten", items.size()));
  auto mode = std::make_unique<ListMode>(out_, std::move(items), std::move(hooks), here);
  mode->sayCurrent();
  mode_ = std::move(mode);
}

KeyResult Session::closedList() {
  out_.say("Lijst gesloten.", speech::Priority::Echo);
  return KeyResult::Leave;
}

std::string Session::bookmarkLabel(const resume::Bookmark& b) const {
  return b.name + ", positie " + dutchDuration(b.seconds);
}

// B: a bookmark here, named by the speaker and the clock time in the room (or the
// position), kept per debate (app/Resume.h).
void Session::setBookmark() {
  if (!recording_) {
    out_.say(notSeekable("een bladwijzer kan alleen in een opname"));
    return;
  }
  const double at = position();
  resume::State state = resume::loadState(resumeKey());
  for (const auto& b : state.bookmarks) {
    if (std::fabs(b.seconds - at) < 2) {
      out_.say("Hier staat al een bladwijzer: " + b.name + ".");
      return;
    }
  }
  if (state.bookmarks.size() >= resume::kMaxBookmarks) {
    out_.say(fmt::format("Er zijn al {} bladwijzers; verwijder er eerst een.", resume::kMaxBookmarks));
    return;
  }
  const std::string who = currentSpeaker();
  const std::string when = recordingStartUtc_ > 0 ? clockText(recordingStartUtc_ + at) : dutchDuration(at);
  resume::Bookmark mark{at, who.empty() ? when : who + ", " + when};
  state.bookmarks.push_back(mark);
  if (!resume::saveState(state)) {
    out_.say("De bladwijzer kon niet bewaard worden.");
    return;
  }
  out_.say("Bladwijzer gezet: " + mark.name + ".");
}

// The bookmark list: Up/Down, Enter plays, Delete removes, Escape closes.
void Session::listBookmarks() {
  const resume::State state = resume::loadState(resumeKey());
  if (state.bookmarks.empty()) {
    const std::string how = hint(ui::Action::Bookmark, "zet er een");
    out_.say("Nog geen bladwijzers in dit debat." + (how.empty() ? std::string() : " " + how + "."));
    return;
  }
  if (!recording_) {
    out_.say(notSeekable("naar een bladwijzer gaan kan niet"));
    return;
  }
  std::size_t cursor = 0;
  const double at = position();
  for (std::size_t i = 0; i < state.bookmarks.size(); ++i) {
    if (state.bookmarks[i].seconds <= at + 1) cursor = i;
  }
  const std::string key = resumeKey();
  auto mode = std::make_unique<BookmarksMode>(
      out_, state.bookmarks, cursor, [this](const resume::Bookmark& b) { return bookmarkLabel(b); },
      [this](const resume::Bookmark& b) { seekTo(b.seconds, "Naar bladwijzer: " + b.name + "."); },
      [key](const BookmarksMode::Marks& marks) {
        resume::State s = resume::loadState(key);
        s.bookmarks = marks;
        return resume::saveState(s);
      });
  out_.say(fmt::format("Bladwijzers: {}. Pijl omhoog en omlaag lopen erdoor, Enter speelt, Delete verwijdert, "
                       "Escape sluit.", state.bookmarks.size()));
  mode->sayCurrent();
  mode_ = std::move(mode);
}

// z: off, 15, 30, 60 minutes, and in a recording with speakers the end of this turn.
void Session::cycleSleepTimer() {
  using C = SleepTimer::Choice;
  C next = C::Off;
  switch (sleep_.choice()) {
    case C::Off: next = C::Minutes15; break;
    case C::Minutes15: next = C::Minutes30; break;
    case C::Minutes30: next = C::Minutes60; break;
    case C::Minutes60: next = C::EndOfTurn; break;
    case C::EndOfTurn: next = C::EndOfItem; break;
    case C::EndOfItem: next = C::Off; break;
  }
  double turnLeft = 0;
  if (next == C::EndOfTurn) {
    const auto& t = turns();
    const int i = recording_ ? turnAt(t, position()) : -1;
    const double end = i < 0 ? 0
                       : static_cast<std::size_t>(i) + 1 < t.size() ? t[static_cast<std::size_t>(i) + 1].position
                                                                    : length_;
    turnLeft = end - position();
    if (i < 0 || turnLeft <= 1) next = C::EndOfItem;
  }
  double itemLeft = 0;
  if (next == C::EndOfItem) {
    // The agenda item heard now, by the verbatim record's times.
    const double here = position();
    for (const auto& m : recording_ ? agendaMarks() : std::vector<AgendaMark>{}) {
      if (m.position <= here && here < m.end) itemLeft = m.end - here;
    }
    if (itemLeft <= 1) next = C::Off;
  }
  sleep_.setChoice(next);
  switch (next) {
    case C::Off:
      sleep_.off();
      applyVolume();
      out_.say("Slaaptimer uit.", speech::Priority::Echo);
      return;
    case C::Minutes15:
    case C::Minutes30:
    case C::Minutes60: {
      const int minutes = next == C::Minutes15 ? 15 : next == C::Minutes30 ? 30 : 60;
      sleep_.set(minutes * 60.0);
      out_.say(fmt::format("Slaaptimer: {} minuten.", minutes), speech::Priority::Echo);
      return;
    }
    case C::EndOfTurn:
      // Wall-clock seconds: at another speed the turn ends sooner or later.
      sleep_.set(turnLeft / speed_);
      out_.say("Slaaptimer: aan het einde van deze spreekbeurt, over " + dutchDuration(turnLeft / speed_) + ".",
               speech::Priority::Echo);
      return;
    case C::EndOfItem:
      sleep_.set(itemLeft / speed_);
      out_.say("Slaaptimer: aan het einde van dit agendapunt, over " + dutchDuration(itemLeft / speed_) + ".",
               speech::Priority::Echo);
      return;
  }
}

// The debate's volume: the listener's, times the sleep timer's fade.
void Session::applyVolume() {
  player_.mixer().setVolume(static_cast<float>(volumePercent_) / 100.0f * sleep_.gain());
}

// onTick: the fade while the sleep timer runs out, then the end.
void Session::watchSleepTimer() {
  if (!sleep_.on()) return;
  applyVolume();
  if (!sleep_.expired()) return;
  sleep_.off();
  log::info("slaaptimer afgelopen");
  player_.mixer().setPaused(true);
  saveResume();
  out_.say("De slaaptimer is afgelopen. meeluister stopt. Welterusten.");
  end_ = SessionEnd::Quit;
}

// Time-shift on live: a live debate is a recording that still grows. How far behind the
// live edge: what it was when this live run started, plus the wall time since, less the
// audio played since (faster playing catches up, a pause falls behind).
double Session::behindLiveNow() {
  if (liveSince_ == Clock::time_point{}) return behindLive_;
  const double elapsed = std::chrono::duration<double>(Clock::now() - liveSince_).count();
  return std::max(0.0, behindLive_ + elapsed - player_.mediaSecondsPlayed());
}

double Session::heardUtcLive() {
  return liveStartUtc_ > 0 ? liveStartUtc_ + player_.mediaSecondsPlayed() : 0;
}

// "Live" or "3 minuten 5 seconden achter live", with the clock time in the room of what is
// heard when the playlist gives it.
std::string Session::liveText() {
  const double behind = behindLiveNow();
  std::string t = behind < kCatchUpMargin ? "Live" : dutchDuration(behind) + " achter live";
  if (const double utc = heardUtcLive(); utc > 0) t += ", in de zaal " + clockText(utc);
  if (onDayRecording_) t += ", uit de opname van vandaag";
  return t;
}

// Left/Right/PageUp/PageDown (and Home: the earliest kept) on live: back into what the
// Kamer still serves, forward up to live. Within about 45 minutes that is the live
// stream's own segments; further back, and Home, the day's recording when it is known.
void Session::seekLive(double seconds, bool toEarliest, const std::string& say) {
  const double behind = behindLiveNow();
  const double heard = heardUtcLive();
  const double edgeUtc = heard > 0 ? heard + behind : 0;  // the live edge's clock time now
  const bool day = edgeUtc > 0 && !dayRecordingUrl().empty();
  if (toEarliest && day) {
    playDayRecording(0, edgeUtc, say.empty() ? "Naar het begin van het debat." : say);
    return;
  }
  double target = toEarliest ? kLiveKeptSeconds : behind - seconds;
  if (target < kCatchUpMargin) {
    if (behind < kCatchUpMargin && seconds > 0) {
      out_.say("Dit is live: verder vooruit kan niet.", speech::Priority::Echo);
      return;
    }
    goLive();
    return;
  }
  std::string why;
  if (target > kLiveKeptSeconds) {
    if (day) {
      const double clock = edgeUtc - target;
      playDayRecording(clock, edgeUtc,
                       say.empty() ? "Terug naar " + dutchDuration(target) + " achter live, " + clockText(clock) +
                                         ", uit de opname van vandaag."
                                   : say + " Uit de opname van vandaag.");
      return;
    }
    target = kLiveKeptSeconds;
    why = "Verder terug bewaart de Kamer de live uitzending niet. ";
  }
  const double clock = edgeUtc > 0 ? edgeUtc - target : 0;
  why += say.empty() || !why.empty() ? (toEarliest ? "Naar het vroegste: " : seconds < 0 ? "Terug naar " : "Vooruit naar ") +
                           dutchDuration(target) + " achter live" + (clock > 0 ? ", " + clockText(clock) : "") + "."
                     : say;
  out_.say(why, speech::Priority::Echo);
  playLive(net::FetchOptions::Start::BehindLive, target);
  seeking_ = true;
}

void Session::playLive(net::FetchOptions::Start start, double position) {
  onDayRecording_ = false;
  player_.restart(liveUrl_, false, start, position);
}

std::string Session::dayRecordingUrl() const {
  if (!options_.debate || !options_.debate->isLive()) return {};
  const std::string& url = options_.debate->onDemandAudioUrl;
  if (url.empty() || url == liveUrl_) return {};
  return url;
}

void Session::playDayRecording(double utc, double edgeUtc, const std::string& say) {
  if (!say.empty()) out_.say(say, speech::Priority::Echo);
  log::info("de opname van vandaag: {} vanaf {}", dayRecordingUrl(), utc > 0 ? clockText(utc) : "het begin");
  onDayRecording_ = true;
  dayEdgeUtc_ = edgeUtc;
  daySince_ = Clock::now();
  player_.restart(dayRecordingUrl(), true, utc > 0 ? net::FetchOptions::Start::Clock : net::FetchOptions::Start::Begin,
                  utc);
  seeking_ = true;
}

void Session::leaveDayRecording(bool failed) {
  const double behind = behindLiveNow();
  const double heard = heardUtcLive();
  const bool played = player_.mediaSecondsPlayed() >= 1;
  if (!failed && played && behind > kLiveKeptSeconds && heard > 0) {
    // The recording was opened a while ago and has grown since: on from where it was.
    playDayRecording(heard, heard + behind, "");
    return;
  }
  if (failed || !played) {
    // Not there (an error, or a stub playlist), or not grown past where the listener is.
    out_.say(std::string(failed ? "De opname van vandaag is niet te krijgen." : "De opname van vandaag heeft hier nog niets.") +
                 " Naar het vroegste van de live uitzending.",
             speech::Priority::Reply);
    playLive(net::FetchOptions::Start::BehindLive, kLiveKeptSeconds);
  } else {
    // Played up to where the live stream keeps its own segments: on with those, unsaid.
    log::info("de opname van vandaag is uit; verder met de live uitzending, {} s achter", behind);
    playLive(net::FetchOptions::Start::BehindLive, std::min(behind, kLiveKeptSeconds));
  }
  seeking_ = true;
}

// Catching up faster than live ends at live, by itself, in one line.
void Session::watchCatchUp() {
  if (speed_ <= 1.0 || !live() || !started_ || player_.mixer().paused()) return;
  if (behindLiveNow() >= kCatchUpMargin) return;
  speed_ = 1.0;
  player_.setSpeed(speed_);
  out_.say("U bent bij live: weer gewone snelheid.", speech::Priority::Echo);
}

}  // namespace ml::app
