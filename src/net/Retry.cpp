#include "net/Retry.h"

#include <algorithm>

#include "core/Log.h"
#include "core/Time.h"

namespace ml::net {

bool Retry::mayTell() {
  auto now = Clock::now();
  while (!told_.empty() && now - told_.front() >= std::chrono::seconds(60)) told_.pop_front();
  if (told_.size() >= kLinesPerMinute) return false;
  told_.push_back(now);
  return true;
}

void Retry::succeeded(bool audio) {
  if (!audio && skipInRun_) return;  // the playlist answers, the audio still does not
  if (failing_ && mayTell()) {
    StreamEvent e{StreamEvent::Kind::Recovered, reachableTrouble_ ? "" : "verbinding", skippedUntold_};
    events_.push(std::move(e));
    skippedUntold_ = 0;
  }
  failing_ = false;
  reachableTrouble_ = false;
  skipInRun_ = false;
  delay_ = 0.5;
}

void Retry::checkDeadline(const std::string& reason) const {
  double quiet = std::chrono::duration<double>(Clock::now() - lastProgress_).count();
  if (quiet >= giveUpSeconds_) {
    throw GiveUp("al " + dutchDuration(giveUpSeconds_) + " geen geluid binnengekregen (" + reason + ")");
  }
}

bool Retry::skipped(double seconds, const std::string& reason) {
  log::info("overgeslagen ({:.1f} s): {}", seconds, reason);
  checkDeadline(reason);
  bool first = !failing_ || !skipInRun_;  // a skip on its own, or the first of a failing run
  if (failing_) skipInRun_ = true;
  if (first && mayTell()) return true;
  skippedUntold_ += seconds;
  return false;
}

bool Retry::failedAndWait(const std::string& reason, bool unreachable) {
  checkDeadline(reason);
  auto now = Clock::now();
  if (!unreachable) reachableTrouble_ = true;
  if (!failing_) {
    failing_ = true;
    failingSince_ = lastReminder_ = now;
    if (mayTell()) events_.push({StreamEvent::Kind::Retrying, reason, delay_});
  } else if (now - lastReminder_ >= std::chrono::seconds(30)) {
    lastReminder_ = now;
    events_.push({StreamEvent::Kind::StillRetrying, reason,
                  std::chrono::duration<double>(now - failingSince_).count()});
  }
  log::info("nieuwe poging over {:.1f} s: {}", delay_, reason);
  bool cancelled = cancel_.sleepFor(std::chrono::duration<double>(delay_));
  delay_ = std::min(delay_ * 2, std::max(0.5, maxDelay_));
  return !cancelled;
}

HttpResponse Retry::run(const std::function<HttpResponse()>& attempt, int tries, bool audio) {
  int failures = 0;
  while (true) {
    try {
      HttpResponse r = attempt();
      succeeded(audio);
      return r;
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled || cancel_.cancelled()) throw;
      if (!e.unreachable() && tries > 0 && ++failures >= tries) {
        reachableTrouble_ = true;
        throw;
      }
      if (!failedAndWait(e.dutch(), e.unreachable())) {
        throw HttpError(HttpError::Kind::Cancelled, e.url(), 0, "afgebroken");
      }
    }
  }
}

}  // namespace ml::net
