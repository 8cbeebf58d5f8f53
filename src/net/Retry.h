// The fault budget of the fetcher thread, with one plain line per state change.
//
// Every request gets a bounded number of tries for a server that answers badly (an
// HTTP error status, a reset or broken answer, a timeout, an answer over the size cap,
// a redirect loop or to another scheme, TLS): run() rethrows the last error when they are
// used up, and the caller skips what it asked for. A server out of reach (refused,
// unknown name, connect timeout) is retried without counting tries, because it will
// answer again; but when nothing playable has come for `giveUpSeconds` (see progressed())
// any further failure throws GiveUp, so no fault lasts for ever.
//
// Lines: the first failure says what happened and when the next try is; a reminder
// follows every 30 s; the first success after failures says so once. Skipping a request
// does not end the failing state (a run of skipped segments is one story, not a flood).
// A source that keeps flapping is capped too: at most kLinesPerMinute of these lines
// (trouble, skip, recovery) in any minute; skipped audio not told is added to the next
// recovery line told.
// Used by the fetcher thread only.
#pragma once
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>

#include "core/Cancel.h"
#include "core/EventQueue.h"
#include "net/HttpClient.h"
#include "net/StreamEvent.h"

namespace ml::net {

// Nothing playable came for too long; what() is a Dutch clause for "Afspelen lukt niet: …".
class GiveUp : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Retry {
 public:
  static constexpr int kTries = 3;  // per request, for a server that answers badly
  static constexpr std::size_t kLinesPerMinute = 6;

  Retry(EventQueue<StreamEvent>& events, CancelToken& cancel, double giveUpSeconds = 60)
      : events_(events), cancel_(cancel), giveUpSeconds_(giveUpSeconds), lastProgress_(Clock::now()) {}

  void setMaxDelay(double seconds) { maxDelay_ = seconds; }
  bool failing() const { return failing_; }

  // Runs `attempt` until it returns without throwing HttpError. Failures other than
  // unreachable() use up one of `tries` (0: unlimited); when they are used up the last
  // error is rethrown. `audio`: the request is for audio (a segment, an init section),
  // whose success ends any failing run; a playlist's success ends only a run in which
  // nothing was skipped. Throws HttpError(Cancelled) when cancelled, GiveUp past the deadline.
  HttpResponse run(const std::function<HttpResponse()>& attempt, int tries = kTries, bool audio = true);

  // Called after any successful transfer outside run(): reports recovery once (see run()).
  void succeeded(bool audio = true);
  // Playable audio was handed on: the give-up deadline starts again.
  void progressed() { lastProgress_ = Clock::now(); }
  // Something was skipped (`seconds` of audio, for `reason`): returns true when the
  // listener should be told now (outside a failing run, or its first skip); later ones
  // are added up and told with the recovery. Throws GiveUp past the deadline.
  bool skipped(double seconds, const std::string& reason);
  // Reports a failure and waits the current backoff delay. Returns false when cancelled.
  // Throws GiveUp when nothing playable came for giveUpSeconds.
  bool failedAndWait(const std::string& dutchReason, bool unreachable = false);
  // Throws GiveUp when nothing playable came for giveUpSeconds.
  void checkDeadline(const std::string& reason) const;

 private:
  using Clock = std::chrono::steady_clock;
  bool mayTell();

  EventQueue<StreamEvent>& events_;
  CancelToken& cancel_;
  double giveUpSeconds_;
  double maxDelay_ = 2.0;
  double delay_ = 0.5;
  bool failing_ = false;
  bool reachableTrouble_ = false;  // this run of failures had the server answering
  double skippedUntold_ = 0;       // seconds skipped in this run after the first skip line
  bool skipInRun_ = false;        // this failing run has skipped something
  Clock::time_point failingSince_{};
  Clock::time_point lastReminder_{};
  Clock::time_point lastProgress_;
  std::deque<Clock::time_point> told_;  // when the lines of the last minute were told
};

}  // namespace ml::net
