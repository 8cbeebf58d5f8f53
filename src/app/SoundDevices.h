// Choosing the sound device: `meeluister apparaten` (the list), --apparaat and
// --spraak-apparaat (and the config keys apparaat and spraak-apparaat) for every command
// that plays sound (listen, demo, the day's list and its player, say, read).
// The list: the sound server's outputs (PulseAudio, or PipeWire through pipewire-pulse)
// when one answers, else PortAudio's devices (ALSA, JACK, OSS).
#pragma once
#include <optional>
#include <vector>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/Config.h"
#include "audio/Devices.h"

namespace ml::app {

struct DeviceRoute {
  audio::DeviceChoice debate;                 // the debate, and the speech unless below
  std::optional<audio::DeviceChoice> speech;  // meeluister's own voice on another device
  // Where meeluister's own voice goes (say and read, the day's list).
  const audio::DeviceChoice& forSpeech() const { return speech ? *speech : debate; }
};

// `spec` with --apparaat and --spraak-apparaat.
ArgSpec withDeviceOptions(ArgSpec spec);

// The outputs as `meeluister apparaten` numbers them (empty when there are none).
std::vector<audio::OutputDevice> outputDevices();

// The devices the options and the settings ask for. A name from the options that matches
// no device, or more than one, is a UsageError (exit 2) naming the choices; one from the
// config file is a warning, and the default is used. `toFile` (--output, --null-output):
// nothing plays, so device options are a UsageError and the config keys do not count.
// Without any of them nothing is looked up: the system's default, as always.
DeviceRoute deviceRoute(const Args& a, const Settings& settings, bool toFile);

// meeluister apparaten: one line a device, numbered, the default marked.
int cmdDevices(const ArgList& args);

}  // namespace ml::app
