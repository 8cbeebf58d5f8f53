// Test helpers for the MPRIS service: a recording Handler, a single-threaded poll loop over
// services and client connections (nothing touches sd-bus from a second thread), child programs
// (playerctl, busctl) run while the loop pumps, and a client connection that records signals.
#pragma once
#include <poll.h>
#include <systemd/sd-bus.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ChildProcess.h"
#include "lib/sdbus/Mpris.h"

namespace mltest {

using namespace std::chrono_literals;

class RecordingHandler : public ml::mpris::Handler {
 public:
  std::vector<std::string> calls;
  bool throwOnPlayPause = false;

  void playPause() override {
    if (throwOnPlayPause) throw std::runtime_error("proef");
    calls.push_back("playPause");
  }
  void play() override { calls.push_back("play"); }
  void pause() override { calls.push_back("pause"); }
  void stop() override { calls.push_back("stop"); }
  void next() override { calls.push_back("next"); }
  void previous() override { calls.push_back("previous"); }
  void seek(double s) override { calls.push_back(fmt::format("seek {:.3f}", s)); }
  void setPosition(double s) override { calls.push_back(fmt::format("setPosition {:.3f}", s)); }
  void setVolume(double v) override { calls.push_back(fmt::format("setVolume {:.3f}", v)); }
  void setRate(double r) override { calls.push_back(fmt::format("setRate {:.3f}", r)); }
  void quit() override { calls.push_back("quit"); }
};

struct BusDeleter {
  void operator()(sd_bus* b) const { sd_bus_flush_close_unref(b); }
};
using BusPtr = std::unique_ptr<sd_bus, BusDeleter>;

// A second connection to the session bus, as a desktop widget would have.
inline BusPtr openClient() {
  sd_bus* b = nullptr;
  int r = sd_bus_open_user(&b);
  if (r < 0) throw std::runtime_error("client cannot connect");
  return BusPtr(b);
}

// Polls every registered service and client connection on the calling thread only.
class Loop {
 public:
  void add(ml::mpris::Service& s) {
    sources_.push_back({[&s] { return s.fd(); }, [&s] { return s.events(); },
                        [&s] { return s.timeoutMs(); }, [&s] { s.process(); }});
  }
  void add(sd_bus* bus) {
    sources_.push_back({[bus] { return sd_bus_get_fd(bus); },
                        [bus] { return static_cast<short>(std::max(0, sd_bus_get_events(bus))); },
                        [bus] { return clientTimeout(bus); },
                        [bus] {
                          while (sd_bus_process(bus, nullptr) > 0) {
                          }
                        }});
  }

  // Pumps until done() holds or `limit` passes; returns done(). `extra` fds are polled too.
  bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds limit = 5000ms,
                const std::function<std::vector<pollfd>()>& extra = {}) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return done();
      std::vector<pollfd> fds;
      int timeout = 50;
      for (auto& s : sources_) {
        if (s.fd() >= 0) fds.push_back({s.fd(), s.events(), 0});
        int t = s.timeout();
        if (t >= 0) timeout = std::min(timeout, t);
      }
      if (extra)
        for (auto& p : extra()) fds.push_back(p);
      poll(fds.data(), fds.size(), timeout);
      for (auto& s : sources_) s.process();
    }
    return true;
  }

  struct Result {
    std::string out, err;
    int exitCode = -1;
    bool finished = false;
  };

  // Runs a program to its end (at most 5 s) while pumping the loop.
  Result run(const std::vector<std::string>& args) {
    ChildProcess child(args);
    Result r;
    r.finished = runUntil(
        [&] {
          child.drain();
          return child.finished();
        },
        5000ms, [&] { return child.fds(); });
    if (!r.finished) child.kill();
    r.out = child.out();
    r.err = child.err();
    r.exitCode = child.exitCode();
    return r;
  }

 private:
  static int clientTimeout(sd_bus* bus) {
    std::uint64_t until = 0;
    if (sd_bus_get_timeout(bus, &until) < 0 || until == UINT64_MAX) return -1;
    return until == 0 ? 0 : 10;  // an absolute deadline: polling every 10 ms is near enough
  }
  struct Source {
    std::function<int()> fd;
    std::function<short()> events;
    std::function<int()> timeout;
    std::function<void()> process;
  };
  std::vector<Source> sources_;
};

// One PropertiesChanged signal as a client sees it.
struct Changed {
  std::string interface;
  std::vector<std::string> names;
  std::map<std::string, std::string> values;    // simple values as text ("Paused", "0.5", "1")
  std::map<std::string, std::string> metadata;  // xesam:artist joined with ", "
};

// Records the player's PropertiesChanged and Seeked signals on a client connection.
class SignalRecorder {
 public:
  SignalRecorder(sd_bus* client, const std::string& sender) {
    int r = sd_bus_match_signal(client, &changedSlot_, sender.c_str(), "/org/mpris/MediaPlayer2",
                                "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                &SignalRecorder::onChanged, this);
    if (r >= 0)
      r = sd_bus_match_signal(client, &seekedSlot_, sender.c_str(), "/org/mpris/MediaPlayer2",
                              "org.mpris.MediaPlayer2.Player", "Seeked", &SignalRecorder::onSeeked,
                              this);
    if (r < 0) throw std::runtime_error("AddMatch failed");
  }
  ~SignalRecorder() {
    sd_bus_slot_unref(changedSlot_);
    sd_bus_slot_unref(seekedSlot_);
  }
  SignalRecorder(const SignalRecorder&) = delete;
  SignalRecorder& operator=(const SignalRecorder&) = delete;

  std::vector<Changed> changes;
  std::vector<std::int64_t> seeks;
  bool parseError = false;

 private:
  static int onSeeked(sd_bus_message* m, void* self, sd_bus_error*) {
    std::int64_t position = 0;
    if (sd_bus_message_read(m, "x", &position) < 0)
      static_cast<SignalRecorder*>(self)->parseError = true;
    else
      static_cast<SignalRecorder*>(self)->seeks.push_back(position);
    return 0;
  }
  static int onChanged(sd_bus_message* m, void* self, sd_bus_error*) {
    auto* rec = static_cast<SignalRecorder*>(self);
    Changed c;
    if (parseChanged(m, c) < 0) rec->parseError = true;
    rec->changes.push_back(std::move(c));
    return 0;
  }

  // Reads the variant at the cursor as text, when it is s, o, x, d, b or as.
  static int readVariantText(sd_bus_message* m, std::string& text) {
    char type = 0;
    const char* contents = nullptr;
    int r = sd_bus_message_peek_type(m, &type, &contents);
    if (r < 0) return r;
    std::string sig = contents ? contents : "";
    r = sd_bus_message_enter_container(m, 'v', sig.c_str());
    if (r < 0) return r;
    if (sig == "s" || sig == "o") {
      const char* s = nullptr;
      r = sd_bus_message_read_basic(m, sig[0], &s);
      if (r >= 0) text = s;
    } else if (sig == "x") {
      std::int64_t x = 0;
      r = sd_bus_message_read_basic(m, 'x', &x);
      text = std::to_string(x);
    } else if (sig == "d") {
      double d = 0;
      r = sd_bus_message_read_basic(m, 'd', &d);
      text = fmt::format("{}", d);
    } else if (sig == "b") {
      int b = 0;
      r = sd_bus_message_read_basic(m, 'b', &b);
      text = b ? "1" : "0";
    } else if (sig == "as") {
      char** strv = nullptr;
      r = sd_bus_message_read_strv(m, &strv);
      for (char** p = strv; p && *p; ++p) {
        if (!text.empty()) text += ", ";
        text += *p;
        free(*p);
      }
      free(strv);
    } else {
      r = sd_bus_message_skip(m, sig.c_str());
    }
    if (r < 0) return r;
    return sd_bus_message_exit_container(m);
  }

  static int readMetadata(sd_bus_message* m, std::map<std::string, std::string>& into) {
    int r = sd_bus_message_enter_container(m, 'v', "a{sv}");
    if (r >= 0) r = sd_bus_message_enter_container(m, 'a', "{sv}");
    while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
      const char* key = nullptr;
      r = sd_bus_message_read(m, "s", &key);
      std::string k = key ? key : "";
      if (r >= 0) r = readVariantText(m, into[k]);
      if (r >= 0) r = sd_bus_message_exit_container(m);
    }
    if (r >= 0) r = sd_bus_message_exit_container(m);
    if (r >= 0) r = sd_bus_message_exit_container(m);
    return r;
  }

  static int parseChanged(sd_bus_message* m, Changed& c) {
    const char* iface = nullptr;
    int r = sd_bus_message_read(m, "s", &iface);
    if (r < 0) return r;
    c.interface = iface;
    r = sd_bus_message_enter_container(m, 'a', "{sv}");
    while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
      const char* name = nullptr;
      r = sd_bus_message_read(m, "s", &name);
      if (r < 0) break;
      c.names.emplace_back(name);
      r = c.names.back() == "Metadata" ? readMetadata(m, c.metadata)
                                       : readVariantText(m, c.values[c.names.back()]);
      if (r >= 0) r = sd_bus_message_exit_container(m);
    }
    return r;
  }

  sd_bus_slot* changedSlot_ = nullptr;
  sd_bus_slot* seekedSlot_ = nullptr;
};

// The reply to an asynchronous method call from a client connection.
struct CallResult {
  bool done = false;
  std::string errorName;  // empty on success
};

inline int onCallReply(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* result = static_cast<CallResult*>(userdata);
  result->done = true;
  if (sd_bus_message_is_method_error(m, nullptr)) {
    const sd_bus_error* e = sd_bus_message_get_error(m);
    result->errorName = e && e->name ? e->name : "?";
  }
  return 0;
}

}  // namespace mltest
