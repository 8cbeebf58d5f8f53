// Follows a live debate: a thread polls Debat Direct's /debates/{id} every `interval` (and
// /actors/{date} until it once answers; then cached) and hands over events not seen before,
// with the speakers' names filled in. The events already in `debate.timeline` at construction
// count as seen. Events are told apart by (time, eventType, objectId).
//
// Network errors are retried at the next poll (after a row of failures up to 4 intervals
// apart) and reported once as a Dutch note (plus one note
// on recovery); they never end the follower. Once the debate has ended it stops polling.
// Polls always go to the network (no disk cache); the bundled example (config.example) is read
// from its files; offline (config.offline) nothing is polled (one note says so).
//
// Threads: the methods are for one owner thread (the app's loop), which waits on fd() with
// poll(); the polling thread is internal. The destructor cancels and joins the thread: at once
// between polls, within about a second during a request that hangs (curl checks the
// cancellation in its progress callback, about once a second on an idle connection).
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/Cancel.h"
#include "core/Debate.h"
#include "core/Wakeup.h"
#include "sources/DebatDirect.h"
#include "sources/Fetcher.h"
#include "sources/SourceConfig.h"

namespace ml::live {

class DebateFollower {
 public:
  DebateFollower(sources::SourceConfig config, Debate debate, std::chrono::milliseconds interval = std::chrono::seconds(5));
  ~DebateFollower();
  DebateFollower(const DebateFollower&) = delete;
  DebateFollower& operator=(const DebateFollower&) = delete;

  int fd() const;                              // eventfd, readable when something is new
  void drain();                                // clears the fd
  std::vector<SpeakerEvent> takeFresh();       // new events since the last call, oldest first, names filled
  std::vector<std::string> takeNotes();        // Dutch lines about trouble/recovery
  std::optional<DebateStatus> status() const;  // as of the last good poll
  std::vector<SpeakerEvent> timeline() const;  // everything known, oldest first

  std::uint64_t goodPolls() const;  // answers read so far (for tests and diagnostics)

 private:
  using Key = std::tuple<std::int64_t, std::string, std::string>;  // time, type, lower-case objectId
  struct Seed {
    std::int64_t time;
    std::string type, name;
  };

  void run();
  void pollOnce(sources::Fetcher& fetcher);
  void loadActors(sources::Fetcher& fetcher);
  bool consumeSeed(const SpeakerEvent& e);  // under mutex_
  void addNote(const std::string& text);

  const sources::SourceConfig config_;
  const std::string id_, date_;
  const std::chrono::milliseconds interval_;
  CancelPtr cancel_ = std::make_shared<CancelToken>();
  Wakeup wakeup_;

  // Polling thread only.
  std::optional<sources::dd::Actors> actors_;
  bool actorsNoted_ = false;
  bool inTrouble_ = false;
  int failures_ = 0;  // failed polls in a row

  mutable std::mutex mutex_;
  std::set<Key> seen_;
  std::vector<Seed> seeds_;  // events of the initial timeline not yet recognised in an answer
  std::vector<SpeakerEvent> timeline_, fresh_;
  std::vector<std::string> notes_;
  std::optional<DebateStatus> status_;
  std::uint64_t goodPolls_ = 0;

  std::thread thread_;  // last: started when everything above is ready
};

}  // namespace ml::live
