#include "app/SoundDevices.h"

#include <fmt/core.h>

#include "app/Options.h"
#include "audio/Sink.h"
#include "core/Log.h"
#include "lib/pulse/PulseSinks.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

// One wish for a device: the name asked for, and where it was asked (an option or a key).
struct Wish {
  std::string name;
  std::string source;  // "--apparaat", or "instelling apparaat"
  bool fromOption = false;
};

std::optional<Wish> wish(const Args& a, const char* option, const std::string& configured) {
  if (auto v = a.value(option)) return Wish{*v, std::string("--") + option, true};
  if (!configured.empty()) return Wish{configured, std::string("instelling ") + option, false};
  return std::nullopt;
}

// The device a wish names; nullopt (after a warning) when a config key names none.
std::optional<audio::DeviceChoice> resolve(const std::vector<audio::OutputDevice>& devices, const Wish& w) {
  const audio::DeviceMatch m = audio::matchDevice(devices, w.name);
  if (m.index) {
    log::info("{}: {} ({})", w.source, devices[*m.index].label, devices[*m.index].id);
    return audio::choiceFor(devices[*m.index]);
  }
  if (w.fromOption) throw UsageError(w.source + ": " + m.error);
  log::warn("{}: {} meeluister gebruikt het standaardapparaat.", w.source, m.error);
  return std::nullopt;
}

}  // namespace

ArgSpec withDeviceOptions(ArgSpec spec) {
  spec.valued.insert({"apparaat", "spraak-apparaat"});
  return spec;
}

std::vector<audio::OutputDevice> outputDevices() {
  if (auto sinks = pulse::listSinks(); sinks && !sinks->empty()) return std::move(*sinks);
  return audio::portAudioDevices();
}

DeviceRoute deviceRoute(const Args& a, const Settings& settings, bool toFile) {
  DeviceRoute route;
  if (toFile) {
    if (a.value("apparaat") || a.value("spraak-apparaat")) {
      throw UsageError("--apparaat en --spraak-apparaat gaan niet samen met --uitvoer: dan komt het geluid in het bestand.");
    }
    return route;
  }
  const auto debate = wish(a, "apparaat", settings.device);
  const auto speech = wish(a, "spraak-apparaat", settings.speechDevice);
  if (!debate && !speech) return route;
  const auto devices = outputDevices();
  if (debate) {
    if (auto c = resolve(devices, *debate)) route.debate = *c;
  }
  if (speech) {
    if (auto c = resolve(devices, *speech)) {
      // The same output as the debate's (also: the default named by its name) is no second device.
      const bool sameAsDefault = route.debate.isDefault() && std::any_of(devices.begin(), devices.end(), [&](const auto& d) {
        return d.isDefault && audio::choiceFor(d).sameOutput(*c);
      });
      if (!c->sameOutput(route.debate) && !sameAsDefault) route.speech = *c;
    }
  }
  return route;
}

int cmdDevices(const ArgList& args) {
  const Args a(args, devicesSpec());
  if (!a.positional().empty()) throw UsageError("apparaten neemt geen woorden erachter: meeluister apparaten.");
  const auto devices = outputDevices();
  if (devices.empty()) {
    ui::errorLine("Geen audioapparaat gevonden.");
    return 1;
  }
  for (const auto& d : devices) log::debug("apparaat: {} = {}", d.label, d.id);
  for (const auto& line : audio::deviceLines(devices)) ui::line(line);
  return 0;
}

}  // namespace ml::app
