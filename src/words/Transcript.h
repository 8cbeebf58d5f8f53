// The debate's words on its time line (issue 12): cues from the subtitle track, or speeches
// from the verbatim record, each placed on the clock (UTC seconds), so that the player, the
// transcript and the search share one time line with the list of parts (issue 14).
//
// Threads: a Transcript is filled by one thread (the subtitle feed) and read by another
// (the app's loop); every method takes its mutex. Reads return copies.
#pragma once
#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace ml::words {

struct Line {
  double utc = 0;     // when the words begin (UTC seconds), or seconds on the track's own
                      // time line when the feed could not place it (Transcript::relative)
  double utcEnd = 0;
  std::vector<std::string> lines;  // as shown: a cue's lines, or a paragraph as one line
  std::string speaker;             // when known
  std::string text() const;        // the lines joined by one space
};

class Transcript {
 public:
  // At most this many lines are kept (a 12-hour day has tens of thousands of cues); the
  // oldest go first.
  static constexpr std::size_t kMaxLines = 300000;

  // Adds lines in any order; a line whose text equals one already kept that starts within
  // 1.5 s of it (a cue that spans two live segment files comes in both) is not added again.
  // Returns how many were new.
  std::size_t add(std::vector<Line> lines);
  // The lines that begin in (fromUtc, toUtc], in time order.
  std::vector<Line> between(double fromUtc, double toUtc) const;
  std::vector<Line> all() const;
  std::size_t size() const;
  // Counts changes: a reader rebuilds what it derived only when this moved.
  unsigned version() const { return version_.load(); }

 private:
  mutable std::mutex mutex_;
  std::vector<Line> lines_;  // sorted by utc
  std::atomic<unsigned> version_{0};
};

// Roll-up captions (the Kamer's live subtitles) repeat the last line or two already shown
// as the first lines of the next cue: fresh() gives a cue's lines without the leading ones
// shown a moment ago (among the last kRecent). Also merges a cue that came in two files.
class RollUp {
 public:
  static constexpr std::size_t kRecent = 6;
  std::vector<std::string> fresh(const std::vector<std::string>& lines);
  void reset() { recent_.clear(); }

 private:
  std::deque<std::string> recent_;
};

// Search (issue 12): the lines holding every word of `query`, compared without case and
// without accents ("geïnformeerd" matches "geinformeerd"), in time order. A word may end
// in a following line of the same speaker (a cue breaks sentences anywhere).
std::vector<std::size_t> search(const std::vector<Line>& lines, const std::string& query);


// Sentences, as the listener asks "what did she just say?": the text of `lines` split after
// '.', '?' and '!' (a line without such an end is part of the next sentence; the last
// unfinished one counts as a sentence). Each with the time its first words began.
struct Sentence {
  double utc = 0;
  std::string text;
};
std::vector<Sentence> sentences(const std::vector<std::string>& texts, const std::vector<double>& times);

}  // namespace ml::words
