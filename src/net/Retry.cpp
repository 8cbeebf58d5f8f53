#include "net/Retry.h"

#include <algorithm>

#include "core/Log.h"

namespace ml::net {

void Retry::succeeded() {
  if (failing_) events_.push({StreamEvent::Kind::Recovered, {}, 0});
  failing_ = false;
  delay_ = 0.5;
}

bool Retry::failedAndWait(const std::string& reason) {
  auto now = Clock::now();
  if (!failing_) {
    failing_ = true;
    failingSince_ = lastReminder_ = now;
    events_.push({StreamEvent::Kind::Retrying, reason, delay_});
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

HttpResponse Retry::run(const std::function<HttpResponse()>& attempt,
                        const std::function<void(const HttpError&)>& giveUp) {
  while (true) {
    try {
      HttpResponse r = attempt();
      succeeded();
      return r;
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled || cancel_.cancelled()) throw;
      if (giveUp) giveUp(e);
      if (!failedAndWait(e.dutch())) {
        throw HttpError(HttpError::Kind::Cancelled, e.url(), 0, "afgebroken");
      }
    }
  }
}

}  // namespace ml::net
