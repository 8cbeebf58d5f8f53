#include "core/EventLoop.h"

#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace ml {

EventLoop::Id EventLoop::watch(int fd, short events, std::function<void(short)> cb) {
  const Id id = nextId_++;
  watches_[id] = Watch{fd, events, std::move(cb)};
  return id;
}

void EventLoop::setEvents(Id id, short events) {
  if (auto it = watches_.find(id); it != watches_.end()) it->second.events = events;
}

void EventLoop::unwatch(Id id) { watches_.erase(id); }

EventLoop::Id EventLoop::after(std::chrono::milliseconds delay, std::function<void()> cb) {
  const Id id = nextId_++;
  timers_[id] = Timer{Clock::now() + delay, Clock::duration::zero(), std::move(cb)};
  return id;
}

EventLoop::Id EventLoop::every(std::chrono::milliseconds period, std::function<void()> cb) {
  const Id id = nextId_++;
  timers_[id] = Timer{Clock::now() + period, std::max<Clock::duration>(period, std::chrono::milliseconds(1)),
                      std::move(cb)};
  return id;
}

void EventLoop::cancel(Id id) { timers_.erase(id); }

void EventLoop::onSignal(int signalFd, std::function<void(int)> cb) {
  if (signalFd < 0) return;
  watch(signalFd, POLLIN, [signalFd, cb = std::move(cb)](short) {
    signalfd_siginfo info{};
    while (read(signalFd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      cb(static_cast<int>(info.ssi_signo));
    }
  });
}

int EventLoop::waitMs(int limit) const {
  int ms = limit;
  if (!timers_.empty()) {
    auto due = timers_.begin()->second.due;
    for (const auto& [id, t] : timers_) due = std::min(due, t.due);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count();
    // Round up so a timer is not woken for 1 ms too early and spun on.
    const int t = static_cast<int>(std::clamp<long long>(left + 1, 0, 60'000));
    ms = ms < 0 ? t : std::min(ms, t);
  }
  return ms;
}

void EventLoop::runTimers() {
  const auto now = Clock::now();
  std::vector<Id> due;
  for (const auto& [id, t] : timers_) {
    if (t.due <= now) due.push_back(id);
  }
  for (Id id : due) {
    if (stopped_) return;
    auto it = timers_.find(id);
    if (it == timers_.end()) continue;  // cancelled by an earlier callback
    auto cb = it->second.cb;
    if (it->second.period == Clock::duration::zero()) {
      timers_.erase(it);
    } else {
      it->second.due = now + it->second.period;
    }
    cb();
  }
}

bool EventLoop::runOnce(int maxWaitMs) {
  int limit = maxWaitMs;
  if (before_) {
    const int b = before_();
    if (b >= 0) limit = limit < 0 ? b : std::min(limit, b);
  }
  std::vector<pollfd> fds;
  std::vector<Id> ids;
  for (const auto& [id, w] : watches_) {
    fds.push_back({w.fd, w.events, 0});
    ids.push_back(id);
  }
  const int n = poll(fds.data(), fds.size(), waitMs(limit));
  if (n < 0 && errno != EINTR) return false;
  for (std::size_t i = 0; n > 0 && i < fds.size() && !stopped_; ++i) {
    if (fds[i].revents == 0) continue;
    auto it = watches_.find(ids[i]);
    if (it == watches_.end()) continue;  // removed by an earlier callback
    auto cb = it->second.cb;             // a copy: the callback may unwatch itself
    cb(fds[i].revents);
  }
  if (!stopped_) runTimers();
  if (!stopped_ && after_) after_();
  return true;
}

bool EventLoop::run() {
  stopped_ = false;
  while (!stopped_) {
    if (!runOnce()) return false;
  }
  return true;
}

}  // namespace ml
