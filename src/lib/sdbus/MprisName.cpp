// Owning the MPRIS bus name, bounded in time. sd-bus's synchronous calls wait up to 90 s for a
// bus that accepts but never answers (its authentication timeout), so the request is sent
// asynchronously and waited for here with our own deadline.
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/Log.h"
#include "lib/sdbus/MprisImpl.h"

namespace ml::mpris {

namespace {

constexpr const char* kBaseName = "org.mpris.MediaPlayer2.meeluister";
constexpr std::uint32_t kDoNotQueue = 4;  // DBUS_NAME_FLAG_DO_NOT_QUEUE
constexpr std::uint32_t kPrimaryOwner = 1, kExists = 3, kAlreadyOwner = 4;

struct SlotDeleter {
  void operator()(sd_bus_slot* slot) const { sd_bus_slot_unref(slot); }
};
using SlotPtr = std::unique_ptr<sd_bus_slot, SlotDeleter>;

struct Reply {
  bool done = false;
  int error = 0;           // negative errno when the call failed
  std::uint32_t code = 0;  // RequestName's answer
};

int onReply(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto& reply = *static_cast<Reply*>(userdata);
  reply.done = true;
  if (sd_bus_message_is_method_error(m, nullptr)) {
    int e = sd_bus_message_get_errno(m);
    reply.error = e > 0 ? -e : -EIO;
  } else {
    int r = sd_bus_message_read(m, "u", &reply.code);
    if (r < 0) reply.error = r;
  }
  return 0;
}

// Pumps the bus until `reply` arrives or `deadline` (CLOCK_MONOTONIC µs) passes.
int waitFor(sd_bus* bus, const Reply& reply, std::uint64_t deadline) {
  while (!reply.done) {
    int r = sd_bus_process(bus, nullptr);
    if (r < 0) return r;
    if (r > 0) continue;
    std::uint64_t now = monotonicMicros();
    if (now >= deadline) return -ETIMEDOUT;
    r = sd_bus_wait(bus, deadline - now);
    if (r < 0) return r;
  }
  return reply.error;
}

// RequestName's answer code, or a negative errno.
int request(sd_bus* bus, const std::string& name, std::uint64_t deadline, std::uint32_t& code) {
  Reply reply;
  sd_bus_slot* raw = nullptr;
  int r = sd_bus_call_method_async(bus, &raw, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                   "org.freedesktop.DBus", "RequestName", onReply, &reply, "su",
                                   name.c_str(), kDoNotQueue);
  SlotPtr slot(raw);  // released before `reply` goes out of scope
  if (r < 0) return r;
  r = waitFor(bus, reply, deadline);
  code = reply.code;
  return r;
}

[[noreturn]] void fail(int error, const char* message) {
  log::debug("MPRIS: RequestName: {}", std::strerror(error < 0 ? -error : error));
  throw std::runtime_error(message);
}

}  // namespace

std::uint64_t monotonicMicros() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000u +
         static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

std::string acquireName(sd_bus* bus, std::uint64_t deadline) {
  std::string instance = std::string(kBaseName) + ".instance" + std::to_string(getpid());
  for (const std::string& name : {std::string(kBaseName), instance}) {
    std::uint32_t code = 0;
    int r = request(bus, name, deadline, code);
    if (r == -ETIMEDOUT)
      fail(r, "De D-Bus-sessiebus antwoordt niet: mediatoetsen en playerctl kunnen meeluister "
              "niet bedienen.");
    if (r < 0)
      fail(r, "Geen D-Bus-sessiebus gevonden: mediatoetsen en playerctl kunnen meeluister niet "
              "bedienen.");
    if (code == kPrimaryOwner || code == kAlreadyOwner) return name;
    if (code != kExists) break;
  }
  fail(EEXIST,
       "De D-Bus-naam voor mediatoetsen (org.mpris.MediaPlayer2.meeluister) is niet te krijgen.");
}

}  // namespace ml::mpris
