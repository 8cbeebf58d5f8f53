// One poll() loop for the app thread: file descriptors with callbacks, one-shot and
// periodic timers, the signalfd (SIGINT/SIGTERM, read here so the signal number is known),
// a "before each wait" hook (for an extra timeout such as sd-bus's) and an "after each
// turn" hook. No threads: every callback runs on the thread that calls run().
#pragma once
#include <poll.h>

#include <chrono>
#include <functional>
#include <map>
#include <vector>

namespace ml {

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using Id = int;

  // Calls `cb(revents)` when `fd` is ready for `events` (POLLHUP/POLLERR are passed too).
  Id watch(int fd, short events, std::function<void(short)> cb);
  void setEvents(Id id, short events);
  void unwatch(Id id);

  // Timers: `cb` runs once after `delay`, or every `period`. cancel() is safe on a timer
  // that already ran (and on id 0).
  Id after(std::chrono::milliseconds delay, std::function<void()> cb);
  Id every(std::chrono::milliseconds period, std::function<void()> cb);
  void cancel(Id id);

  // The signalfd: each signal read from it is passed as its number (SIGINT, SIGTERM).
  // A negative fd is ignored.
  void onSignal(int signalFd, std::function<void(int)> cb);

  // Runs before every wait; returns the longest wait it allows in ms (-1: no limit).
  void beforeWait(std::function<int()> cb) { before_ = std::move(cb); }
  // Runs after every turn (after the callbacks of that turn), unless stopped.
  void afterTurn(std::function<void()> cb) { after_ = std::move(cb); }

  // Waits and dispatches until stop(). Returns false if poll() failed (not EINTR).
  bool run();
  // One wait (at most `maxWaitMs`, -1: until something happens) and its callbacks.
  bool runOnce(int maxWaitMs = -1);
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }

 private:
  struct Watch {
    int fd;
    short events;
    std::function<void(short)> cb;
  };
  struct Timer {
    Clock::time_point due;
    Clock::duration period;  // zero: one-shot
    std::function<void()> cb;
  };
  int waitMs(int limit) const;
  void runTimers();

  Id nextId_ = 1;
  std::map<Id, Watch> watches_;
  std::map<Id, Timer> timers_;
  std::function<int()> before_;
  std::function<void()> after_;
  bool stopped_ = false;
};

}  // namespace ml
