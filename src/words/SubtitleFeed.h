// The Kamer's subtitle track, fetched beside the audio (issue 12). A thread reads the
// stream's HLS master, picks the Dutch SUBTITLES rendition (LANGUAGE "nl..." first), and
// reads its playlist: live, one small WebVTT file per segment, polled as the playlist
// grows; on demand, one file for the whole debate. Every cue is placed on the clock and
// kept in a Transcript:
// - by the subtitle segment's PROGRAM-DATE-TIME when the playlist has it (cue times are
//   then seconds into that segment; X-TIMESTAMP-MAP is not reliable and is used only when
//   the cue times are clearly on another time line);
// - else by the `start=` time in the file's or the playlist's address (the Kamer's
//   on-demand files carry the debate's start there);
// - else not at all: relative() is true and the times are seconds into the recording.
// A file not there yet (HTTP 500 live) is asked again after 4 s at the earliest (the CDN
// keeps an answer for its path a few seconds, whatever the query), at most kMaxTries times;
// then it is left out (logged). A playlist that fails kMaxPlaylistFailures times in a row
// ends the feed with one note; a master without a subtitle track ends it with one note.
// Sizes are capped: a playlist 2 MB, a live file 512 kB, an on-demand file 64 MB.
//
// Threads: the methods are for one owner thread (the app's loop), which waits on fd();
// the fetching thread is internal. The destructor cancels and joins it (at once between
// requests, within about a second during one).
#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/Cancel.h"
#include "core/Wakeup.h"
#include "words/Transcript.h"

namespace ml::words {

class SubtitleFeed {
 public:
  static constexpr int kMaxTries = 6;
  static constexpr int kMaxPlaylistFailures = 8;

  enum class State { Looking, Running, Complete, NoTrack, Failed };

  // `streamUrl`: what the player plays (a master playlist has the subtitle track). A
  // playlist without ENDLIST is live: it is polled as it grows.
  explicit SubtitleFeed(std::string streamUrl);
  ~SubtitleFeed();
  SubtitleFeed(const SubtitleFeed&) = delete;
  SubtitleFeed& operator=(const SubtitleFeed&) = delete;

  int fd() const { return wakeup_.fd(); }  // readable when the state changed or notes came
  void drain() { wakeup_.drain(); }
  State state() const;
  std::vector<std::string> takeNotes();  // Dutch lines for the listener
  bool relative() const;                 // times are seconds into the recording
  bool live() const;                     // the playlist had no ENDLIST (yet)
  const Transcript& transcript() const { return transcript_; }

  // Runs the fetch on the calling thread (`meeluister transcript`): until the track is
  // read whole, or, live, until every file the playlist lists now is read or given up.
  void runOnce() {
    onePass_ = true;
    run();
  }

 private:
  void run();
  void setState(State s);
  void note(std::string text);

  const std::string url_;
  bool live_ = true;  // until the playlist says it is a recording (under mutex_)
  bool onePass_ = false;
  CancelPtr cancel_ = std::make_shared<CancelToken>();
  Wakeup wakeup_;
  Transcript transcript_;
  mutable std::mutex mutex_;
  State state_ = State::Looking;
  bool relative_ = false;
  std::vector<std::string> notes_;
  std::thread thread_;
  friend std::unique_ptr<SubtitleFeed> startSubtitleFeed(std::string);
};

// A feed with its thread running.
std::unique_ptr<SubtitleFeed> startSubtitleFeed(std::string streamUrl);

// When the recording at `streamUrl` (a master or media playlist) begins: its first
// segment's PROGRAM-DATE-TIME (UTC seconds); nullopt when it has none or cannot be read.
std::optional<double> audioStartUtc(const std::string& streamUrl, CancelPtr cancel);


}  // namespace ml::words
