// Inside of ml::mpris::Service: the sd-bus connection, the object's two vtables and the state
// they report. Only src/lib/sdbus/Mpris*.cpp include this (and so sd-bus's headers).
// Same thread contract as Service: one thread only.
#pragma once
#include <systemd/sd-bus.h>

#include <cstdint>
#include <string>

#include "lib/sdbus/Mpris.h"

namespace ml::mpris {

inline constexpr const char* kObjectPath = "/org/mpris/MediaPlayer2";
inline constexpr const char* kRootInterface = "org.mpris.MediaPlayer2";
inline constexpr const char* kPlayerInterface = "org.mpris.MediaPlayer2.Player";

struct Service::Impl {
  Impl(Handler& h, const State& s) : handler(h), state(s) {}
  Handler& handler;
  State state;
  sd_bus* bus = nullptr;
  sd_bus_slot* rootSlot = nullptr;
  sd_bus_slot* playerSlot = nullptr;
  std::string name;
  bool lost = false;  // the connection failed; we no longer touch the bus

  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  void markLost(int error, const char* what);
};

// Owns org.mpris.MediaPlayer2.meeluister, or its .instance<PID> name when that is taken, and
// returns the name (MprisName.cpp). Gives up at `deadline` (monotonicMicros()). Throws
// std::runtime_error (Dutch) when the bus fails, stays silent, or neither name can be had.
std::string acquireName(sd_bus* bus, std::uint64_t deadline);
std::uint64_t monotonicMicros();  // CLOCK_MONOTONIC, as sd-bus's timeouts

// The vtables (MprisVtable.cpp). Their userdata is the Service::Impl.
extern const sd_bus_vtable kRootVtable[];
extern const sd_bus_vtable kPlayerVtable[];

}  // namespace ml::mpris
