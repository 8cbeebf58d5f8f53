// The words in the player (issue 12): the Kamer's subtitles printed as lines, each when its
// words are heard; the last sentence again (r, and R aloud); search in what was said (/,
// then n and N). The cues come from a words::SubtitleFeed (its own thread) and are placed
// on the debate's clock, the same time line as the list of parts and the bookmarks.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/Session.h"
#include "app/modes/ListMode.h"
#include "app/modes/PromptMode.h"
#include "core/Log.h"
#include "words/RecordFeed.h"
#include "words/SubtitleFeed.h"

namespace ml::app {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::size_t kHistoryLines = 400;  // printed lines kept for r
}  // namespace

void Session::startSubtitles() {
  if (subtitles_ || options_.play.fetch.url.empty()) return;
  subtitles_ = words::startSubtitleFeed(options_.play.fetch.url);
  subtitlesWatch_ = loop_.watch(subtitles_->fd(), POLLIN, [this](short) { onSubtitleFeed(); });
}

// The verbatim record: only for a recording of a debate the sources know (it exists only
// after the sitting), never for the bundled example.
void Session::startRecord() {
  if (record_ || !options_.debate || !options_.sources || options_.sources->example || !endedDebate()) return;
  record_ = std::make_unique<words::RecordFeed>(*options_.sources, *options_.debate);
  loop_.watch(record_->fd(), POLLIN, [this](short) { onRecordFeed(); });
}

void Session::onRecordFeed() {
  record_->drain();
  // Quiet: the record only adds agenda items to the list of parts and text to search.
  if (record_->state() == words::RecordFeed::State::Ready) ++timelineVersion_;
}

std::vector<Session::AgendaMark> Session::agendaMarks() const {
  std::vector<AgendaMark> out;
  if (!record_ || record_->state() != words::RecordFeed::State::Ready || recordingStartUtc_ <= 0) return out;
  const auto items = record_->items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    if (!it.start || it.title.empty()) continue;
    AgendaMark m;
    m.position = std::max(0.0, *it.start - recordingStartUtc_);
    if (length_ > 0 && m.position >= length_) continue;
    m.end = it.end ? *it.end - recordingStartUtc_ : length_ > 0 ? length_ : m.position;
    m.title = it.title;
    out.push_back(std::move(m));
  }
  return out;
}

void Session::toggleSubtitles() {
  subtitlesOn_ = !subtitlesOn_;
  if (!subtitlesOn_) {
    out_.say("Ondertiteling uit.", speech::Priority::Echo);
    return;
  }
  wordsCursor_ = 0;
  const bool missing = subtitles_ && (subtitles_->state() == words::SubtitleFeed::State::NoTrack ||
                                      subtitles_->state() == words::SubtitleFeed::State::Failed);
  out_.say(missing ? "Ondertiteling aan, maar bij deze uitzending is er geen." : "Ondertiteling aan.",
           speech::Priority::Echo);
  startSubtitles();
}

void Session::onSubtitleFeed() {
  subtitles_->drain();
  for (const auto& note : subtitles_->takeNotes()) {
    // Said once; only to a listener who asked for the subtitles (search uses them quietly).
    if (subtitlesOn_) out_.say(note);
    else log::info("{}", note);
  }
  printSubtitles();
}

// Where the listener is on the words' clock: UTC of what is heard, or seconds into the
// recording when the feed could not place its cues on the clock. 0: not known yet.
double Session::wordsClock() {
  if (!started_) return 0;
  if (subtitles_ && subtitles_->relative()) return recording_ ? std::max(position(), 1e-3) : 0;
  if (recording_) return recordingStartUtc_ > 0 ? recordingStartUtc_ + position() : 0;
  return heardUtcLive();
}

double Session::clockOfWords(double wordsTime) const {
  return subtitles_ && subtitles_->relative() ? wordsTime : wordsTime - recordingStartUtc_;
}

void Session::printSubtitles() {
  if (!subtitlesOn_ || !subtitles_) return;
  const double now = wordsClock();
  if (now <= 0) return;
  // A jump (a seek, a new live run): nothing in between is printed; the words from here are.
  bool jumped = false;
  if (wordsCursor_ <= 0 || now < wordsCursor_ - 0.5 || (now > wordsCursor_ + 6 && wordsMoved_)) {
    wordsCursor_ = now - 0.3;
    jumped = true;
  }
  if (now <= wordsCursor_) return;
  // While a list, a prompt or help is open, no subtitle line comes between the listener and
  // what they walk through; the words of that while are skipped (r repeats them).
  if (mode_ && wordsMoved_) {
    for (const auto& cue : subtitles_->transcript().between(wordsCursor_, now)) {
      for (const auto& l : wordsRollUp_.fresh(cue.lines)) wordsHistory_.push_back({cue.utc, l});
    }
    while (wordsHistory_.size() > kHistoryLines) wordsHistory_.erase(wordsHistory_.begin());
    wordsCursor_ = now;
    return;
  }
  // Until the first cues came (the feed starts with the stream), the cursor waits, so
  // the first words are printed once they are there; words more than 5 s old are not.
  if (subtitles_->transcript().size() == 0) return;
  if (!wordsMoved_) {
    wordsMoved_ = true;
    wordsCursor_ = std::max(wordsCursor_, now - 5);
    jumped = true;
  }
  if (jumped) {
    // As if the words before had been shown: a roll-up cue's leading lines repeat them,
    // and words not heard here are not printed.
    wordsRollUp_.reset();
    for (const auto& cue : subtitles_->transcript().between(wordsCursor_ - 10, wordsCursor_)) {
      (void)wordsRollUp_.fresh(cue.lines);
    }
  }
  for (const auto& cue : subtitles_->transcript().between(wordsCursor_, now)) {
    const auto fresh = wordsRollUp_.fresh(cue.lines);
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      // A new speaker (when the track names them) is said before the words.
      const bool named = i == 0 && !cue.speaker.empty() && cue.speaker != wordsSpeaker_;
      out_.note(named ? cue.speaker + ": " + fresh[i] : fresh[i]);
      wordsHistory_.push_back({cue.utc, fresh[i]});
      if (wordsHistory_.size() > kHistoryLines) wordsHistory_.erase(wordsHistory_.begin());
    }
    if (!cue.speaker.empty()) wordsSpeaker_ = cue.speaker;
  }
  wordsCursor_ = now;
}

// r: the last sentence heard, printed; again within 10 s: the one before. R: said aloud.
void Session::repeatSentence(bool aloud) {
  std::vector<std::string> texts;
  std::vector<double> times;
  if (subtitlesOn_ && !wordsHistory_.empty()) {
    for (const auto& [t, text] : wordsHistory_) {
      times.push_back(t);
      texts.push_back(text);
    }
  } else if (subtitles_) {
    // Subtitles not shown: the words heard in the last two minutes, from the feed.
    const double now = wordsClock();
    if (now > 0) {
      words::RollUp rollUp;
      for (const auto& cue : subtitles_->transcript().between(now - 120, now)) {
        for (const auto& l : rollUp.fresh(cue.lines)) {
          texts.push_back(l);
          times.push_back(cue.utc);
        }
      }
    }
  }
  const auto all = words::sentences(texts, times);
  if (all.empty()) {
    if (!subtitles_) {
      startSubtitles();
      out_.say("Nog niets gehoord om te herhalen: de ondertiteling wordt nu opgehaald. " +
               hint(ui::Action::Subtitles, "om haar te tonen"));
    } else {
      out_.say("Nog niets gehoord om te herhalen.");
    }
    return;
  }
  const auto now = Clock::now();
  if (now - lastRepeat_ < std::chrono::seconds(10) && repeatBack_ + 1 < all.size()) ++repeatBack_;
  else if (now - lastRepeat_ >= std::chrono::seconds(10)) repeatBack_ = 0;
  lastRepeat_ = now;
  const std::string& text = all[all.size() - 1 - std::min(repeatBack_, all.size() - 1)].text;
  if (aloud) out_.say(text);
  else out_.note(text);
}

void Session::search() {
  if (!subtitles_) startSubtitles();
  out_.say("Zoek: typ een of meer woorden en Enter. Escape annuleert.");
  mode_ = std::make_unique<PromptMode>(out_, [this](const std::string& text) { searchFor(text); });
}

void Session::searchFor(const std::string& text) {
  if (text.empty()) {
    out_.say("Niets getypt; er is niet gezocht.");
    return;
  }
  // The verbatim record's text when there is one (speakers, corrected), else the subtitles.
  searchInRecord_ = record_ && record_->transcript().size() > 0 && recordingStartUtc_ > 0;
  const auto lines = searchInRecord_ ? record_->transcript().all()
                     : subtitles_    ? subtitles_->transcript().all()
                                     : std::vector<words::Line>{};
  if (lines.empty()) {
    const auto st = subtitles_ ? subtitles_->state() : words::SubtitleFeed::State::NoTrack;
    out_.say(st == words::SubtitleFeed::State::Looking ? "De ondertiteling wordt nog opgehaald; zoek zo nog eens."
                                                        : "Er is geen tekst om in te zoeken: deze uitzending heeft geen ondertiteling.");
    return;
  }
  const auto hitIdx = words::search(lines, text);
  searchQuery_ = text;
  searchHits_.clear();
  for (auto i : hitIdx) {
    // The record covers the whole sitting: only what this recording holds.
    if (searchInRecord_ && (hitPosition(lines[i]) < -1 || (length_ > 0 && hitPosition(lines[i]) > length_))) continue;
    searchHits_.push_back(lines[i]);
  }
  if (searchHits_.empty()) {
    out_.say("Niet gevonden: " + text + ".");
    return;
  }
  std::vector<std::string> items;
  for (const auto& hit : searchHits_) items.push_back(hitLabel(hit));
  ListMode::Hooks hooks;
  hooks.choose = [this](std::size_t i) {
    if (i < searchHits_.size()) playHit(i);
  };
  hooks.leaveAfterChoose = true;
  hooks.passUnknown = true;
  hooks.back = [this] { return closedList(); };
  out_.say(fmt::format("{} {} voor {}{}. Pijl omhoog en omlaag lopen erdoor, Enter speelt, Escape sluit. {}",
                       searchHits_.size(), searchHits_.size() == 1 ? "plek" : "plekken", text,
                       searchInRecord_ ? " in het woordelijk verslag" : "",
                       hint(ui::Action::SearchNext, "voor de volgende plek")));
  // The list opens at the first hit after what is heard now.
  std::size_t cursor = 0;
  while (cursor + 1 < searchHits_.size() &&
         (recording_ ? hitPosition(searchHits_[cursor]) < position() : searchHits_[cursor].utc < wordsClock())) {
    ++cursor;
  }
  auto mode = std::make_unique<ListMode>(out_, std::move(items), std::move(hooks), cursor);
  mode->sayCurrent();
  nextMode_ = std::move(mode);
}

// Where a hit is in the recording (seconds), or, live, how far before the live run's clock.
double Session::hitPosition(const words::Line& hit) const {
  return searchInRecord_ ? hit.utc - recordingStartUtc_ : clockOfWords(hit.utc);
}

std::string Session::hitLabel(const words::Line& hit) const {
  std::string label;
  if (recording_) {
    label = "positie " + clockPosition(std::max(0.0, hitPosition(hit)));
  } else if (!(subtitles_ && subtitles_->relative())) {
    label = clockText(hit.utc);
  }
  if (!hit.speaker.empty()) label += (label.empty() ? "" : ", ") + hit.speaker;
  return label + (label.empty() ? "" : ": ") + hit.text();
}

void Session::playHit(std::size_t i) {
  const auto& hit = searchHits_[i];
  const std::string why = fmt::format("Plek {} van {}: {}", i + 1, searchHits_.size(), hit.text());
  if (recording_) {
    // A moment before the words, so that they are heard whole.
    seekTo(std::max(0.0, hitPosition(hit) - 1.0), why);
    return;
  }
  const double heard = heardUtcLive();
  if (heard <= 0) {
    out_.say(notSeekable("naar die plek gaan kan niet"));
    return;
  }
  const double back = heard - (hit.utc - 1.0);
  if (std::abs(back) < 1) return;
  seekLive(-back, false, why);  // negative: further behind live
}

// n and N: the next or previous hit from what is heard now.
void Session::searchStep(int direction) {
  if (searchHits_.empty()) {
    out_.say("Er is nog niet gezocht. " + hint(ui::Action::Search, "om te zoeken"));
    return;
  }
  // Recordings by position; live by the words' clock.
  const double now = recording_ ? position() : wordsClock();
  auto at = [&](const words::Line& hit) { return recording_ ? hitPosition(hit) : hit.utc; };
  std::size_t i = 0;
  if (direction > 0) {
    while (i < searchHits_.size() && at(searchHits_[i]) <= now + 1) ++i;
    if (i == searchHits_.size()) {
      out_.say("Geen volgende plek voor " + searchQuery_ + ".");
      return;
    }
  } else {
    // The previous hit begins before what is heard, and not the one just jumped to.
    i = searchHits_.size();
    while (i > 0 && at(searchHits_[i - 1]) >= now - 3) --i;
    if (i == 0) {
      out_.say("Geen vorige plek voor " + searchQuery_ + ".");
      return;
    }
    --i;
  }
  playHit(i);
}

}  // namespace ml::app
