// core::EventLoop: fd callbacks, timers, the signalfd and stop, on real fds.
#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>

#include "core/EventLoop.h"

namespace ml {
namespace {

using namespace std::chrono_literals;

TEST(EventLoop, CallsAnFdCallbackWhenReadableAndStops) {
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  EventLoop loop;
  int calls = 0;
  loop.watch(fd, POLLIN, [&](short revents) {
    EXPECT_TRUE(revents & POLLIN);
    std::uint64_t v = 0;
    ASSERT_EQ(read(fd, &v, sizeof v), static_cast<ssize_t>(sizeof v));
    EXPECT_EQ(v, 3u);
    ++calls;
    loop.stop();
  });
  std::uint64_t three = 3;
  ASSERT_EQ(write(fd, &three, sizeof three), static_cast<ssize_t>(sizeof three));
  // A timer far away guards against a hang if the fd were never seen.
  bool guard = false;
  loop.after(5000ms, [&] {
    guard = true;
    loop.stop();
  });
  EXPECT_TRUE(loop.run());
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(guard);
  close(fd);
}

TEST(EventLoop, UnwatchedFdIsNotCalled) {
  const int fd = eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC);
  EventLoop loop;
  int calls = 0;
  auto id = loop.watch(fd, POLLIN, [&](short) { ++calls; });
  loop.unwatch(id);
  loop.after(30ms, [&] { loop.stop(); });
  EXPECT_TRUE(loop.run());
  EXPECT_EQ(calls, 0);
  close(fd);
}

TEST(EventLoop, OneShotAndPeriodicTimersInOrder) {
  EventLoop loop;
  std::vector<char> order;
  int ticks = 0;
  const auto start = EventLoop::Clock::now();
  loop.every(10ms, [&] { ++ticks; });
  loop.after(25ms, [&] { order.push_back('a'); });
  const auto cancelled = loop.after(30ms, [&] { order.push_back('x'); });
  loop.after(60ms, [&] {
    order.push_back('b');
    loop.stop();
  });
  loop.cancel(cancelled);
  EXPECT_TRUE(loop.run());
  const auto took = EventLoop::Clock::now() - start;
  EXPECT_EQ(order, (std::vector<char>{'a', 'b'}));
  EXPECT_GE(took, 60ms);
  EXPECT_LT(took, 5000ms);
  // About six ticks in 60 ms; a slow machine may run fewer, never more.
  EXPECT_GE(ticks, 1);
  EXPECT_LE(ticks, 7);
}

TEST(EventLoop, AfterTurnAndBeforeWaitRun) {
  EventLoop loop;
  int before = 0, after = 0;
  loop.beforeWait([&] {
    ++before;
    return 5;  // a short wait: the loop turns without any fd or timer
  });
  loop.afterTurn([&] {
    if (++after == 3) loop.stop();
  });
  EXPECT_TRUE(loop.run());
  EXPECT_EQ(after, 3);
  EXPECT_EQ(before, 3);
}

TEST(EventLoop, SignalFdGivesTheSignalNumber) {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, &set, &old), 0);
  const int sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  ASSERT_GE(sfd, 0);
  EventLoop loop;
  int got = 0;
  loop.onSignal(sfd, [&](int signo) {
    got = signo;
    loop.stop();
  });
  loop.after(5000ms, [&] { loop.stop(); });
  ASSERT_EQ(pthread_kill(pthread_self(), SIGTERM), 0);  // this thread only: it has it blocked
  EXPECT_TRUE(loop.run());
  EXPECT_EQ(got, SIGTERM);
  close(sfd);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

}  // namespace
}  // namespace ml
