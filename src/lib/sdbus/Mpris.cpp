// The MPRIS service: the session-bus connection, the bus name, the poll contract and signals.
// The vtables and their callbacks are in MprisVtable.cpp.
#include "lib/sdbus/Mpris.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/Log.h"
#include "lib/sdbus/MprisImpl.h"
#include "lib/sdbus/MprisValues.h"

namespace ml::mpris {

namespace {

constexpr std::uint64_t kStartupMicros = 3'000'000;

[[noreturn]] void failNoBus(int error) {
  log::debug("MPRIS: sd_bus_open_user: {}", std::strerror(-error));
  throw std::runtime_error(
      "Geen D-Bus-sessiebus gevonden: mediatoetsen en playerctl kunnen meeluister niet "
      "bedienen.");
}

}  // namespace

void Service::Impl::markLost(int error, const char* what) {
  if (lost) return;
  lost = true;
  log::warn("MPRIS: verbinding met de D-Bus-sessiebus verloren bij {}: {}", what,
            std::strerror(error < 0 ? -error : error));
}

Service::Service(Handler& handler, const State& initial)
    : impl_(std::make_unique<Impl>(handler, initial)) {
  Impl& s = *impl_;
  int r = sd_bus_open_user_with_description(&s.bus, "meeluister-mpris");
  if (r < 0) failNoBus(r);
  r = sd_bus_add_object_vtable(s.bus, &s.rootSlot, kObjectPath, kRootInterface, kRootVtable, &s);
  if (r >= 0)
    r = sd_bus_add_object_vtable(s.bus, &s.playerSlot, kObjectPath, kPlayerInterface,
                                 kPlayerVtable, &s);
  if (r < 0)
    throw std::runtime_error(
        "Mediatoetsen (MPRIS) konden niet worden aangemeld op de D-Bus-sessiebus.");
  s.name = acquireName(s.bus, monotonicMicros() + kStartupMicros);
  log::debug("MPRIS: op de sessiebus als {}", s.name);
}

// Releases in reverse order; also runs when the constructor threw (impl_ is a member).
Service::~Service() = default;

Service::Impl::~Impl() {
  sd_bus_slot_unref(playerSlot);
  sd_bus_slot_unref(rootSlot);
  if (bus) sd_bus_close_unref(bus);
}

int Service::fd() const { return impl_->lost ? -1 : sd_bus_get_fd(impl_->bus); }

short Service::events() const {
  if (impl_->lost) return 0;
  int r = sd_bus_get_events(impl_->bus);
  return r < 0 ? short{0} : static_cast<short>(r);
}

int Service::timeoutMs() const {
  if (impl_->lost) return -1;
  std::uint64_t until = 0;
  int r = sd_bus_get_timeout(impl_->bus, &until);
  if (r < 0 || until == UINT64_MAX) return -1;
  std::uint64_t now = monotonicMicros();
  if (until <= now) return 0;
  std::uint64_t ms = (until - now + 999) / 1000;
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

void Service::process() {
  Impl& s = *impl_;
  if (s.lost) return;
  // Bounded so a flood cannot starve the app; timeoutMs() is 0 while work is left.
  for (int i = 0; i < 256; ++i) {
    int r = sd_bus_process(s.bus, nullptr);
    if (r < 0) return s.markLost(r, "sd_bus_process");
    if (r == 0) break;
  }
  if (sd_bus_is_open(s.bus) <= 0) s.markLost(ENOTCONN, "sd_bus_process");
}

void Service::update(const State& next) {
  Impl& s = *impl_;
  std::vector<std::string> names = detail::changedProperties(s.state, next);
  s.state = next;
  if (names.empty() || s.lost) return;
  std::vector<char*> strv;
  for (auto& n : names) strv.push_back(n.data());
  strv.push_back(nullptr);
  int r = sd_bus_emit_properties_changed_strv(s.bus, kObjectPath, kPlayerInterface, strv.data());
  if (r < 0 && sd_bus_is_open(s.bus) <= 0) s.markLost(r, "PropertiesChanged");
  else if (r < 0) log::warn("MPRIS: PropertiesChanged niet verstuurd: {}", std::strerror(-r));
}

void Service::seeked(double positionSeconds) {
  Impl& s = *impl_;
  if (s.lost) return;
  std::int64_t position = detail::toMicros(positionSeconds);
  if (position < 0) position = 0;
  int r = sd_bus_emit_signal(s.bus, kObjectPath, kPlayerInterface, "Seeked", "x", position);
  if (r < 0 && sd_bus_is_open(s.bus) <= 0) s.markLost(r, "Seeked");
  else if (r < 0) log::warn("MPRIS: Seeked niet verstuurd: {}", std::strerror(-r));
}

std::string Service::busName() const { return impl_->name; }
const State& Service::state() const { return impl_->state; }
bool Service::connected() const { return !impl_->lost; }

}  // namespace ml::mpris
