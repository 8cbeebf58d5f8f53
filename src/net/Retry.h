// Capped exponential backoff with one plain line per state change: the first failure
// says what happened and when the next try is, a reminder follows every 30 s, and the
// first success after failures says so. Used by the fetcher thread only.
#pragma once
#include <chrono>
#include <functional>

#include "core/Cancel.h"
#include "core/EventQueue.h"
#include "net/HttpClient.h"
#include "net/StreamEvent.h"

namespace ml::net {

class Retry {
 public:
  Retry(EventQueue<StreamEvent>& events, CancelToken& cancel) : events_(events), cancel_(cancel) {}

  void setMaxDelay(double seconds) { maxDelay_ = seconds; }
  bool failing() const { return failing_; }

  // Runs `attempt` until it returns without throwing HttpError. `giveUp` may inspect an
  // error and rethrow it to stop retrying. Throws HttpError(Cancelled) when cancelled.
  HttpResponse run(const std::function<HttpResponse()>& attempt,
                   const std::function<void(const HttpError&)>& giveUp = {});

  // Called after any successful transfer outside run(): reports recovery once.
  void succeeded();
  // Reports a failure and waits the current backoff delay. Returns false when cancelled.
  bool failedAndWait(const std::string& dutchReason);

 private:
  using Clock = std::chrono::steady_clock;
  EventQueue<StreamEvent>& events_;
  CancelToken& cancel_;
  double maxDelay_ = 2.0;
  double delay_ = 0.5;
  bool failing_ = false;
  Clock::time_point failingSince_{};
  Clock::time_point lastReminder_{};
};

}  // namespace ml::net
