// The verbatim record (Verslag) of a debate, fetched beside the player (issues 12 and 14):
// a thread runs sources::vlos::findRecord once (the open data portal: the sitting, its
// newest Verslag, the XML) and keeps what it found: the agenda items with their times (for
// the list of parts and the agenda level) and, when the record has text, its paragraphs
// as a Transcript (speaker and time per speech) for search.
//
// Threads: the methods are for one owner thread (the app's loop), which waits on fd(); the
// thread is internal and ends after its one lookup. The destructor cancels and joins it.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/Cancel.h"
#include "core/Debate.h"
#include "core/Wakeup.h"
#include "sources/SourceConfig.h"
#include "sources/Verslag.h"
#include "words/Transcript.h"

namespace ml::words {

class RecordFeed {
 public:
  enum class State { Looking, Ready, None };

  RecordFeed(sources::SourceConfig config, Debate debate);
  ~RecordFeed();
  RecordFeed(const RecordFeed&) = delete;
  RecordFeed& operator=(const RecordFeed&) = delete;

  int fd() const { return wakeup_.fd(); }  // readable once the lookup ended
  void drain() { wakeup_.drain(); }
  State state() const;
  std::string why() const;  // State::None: one Dutch line
  // State::Ready: the sitting's agenda items (speeches without their text); the player
  // keeps those that fall within its recording.
  std::vector<sources::vlos::Item> items() const;
  std::string status() const;  // the record's status (Casco, Ongecorrigeerd, Gecorrigeerd)
  // The paragraphs (empty while the record has no text).
  const Transcript& transcript() const { return transcript_; }

 private:
  void run(sources::SourceConfig config, Debate debate);

  CancelPtr cancel_ = std::make_shared<CancelToken>();
  Wakeup wakeup_;
  Transcript transcript_;
  mutable std::mutex mutex_;
  State state_ = State::Looking;
  std::string why_, status_;
  std::vector<sources::vlos::Item> items_;
  std::thread thread_;
};

// "De heer White (GroenLinks-PvdA)", "De voorzitter (De Groot)": a speech's speaker as said.
std::string speakerLabel(const sources::vlos::Speech& speech);

}  // namespace ml::words
