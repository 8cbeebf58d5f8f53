// The sound server's outputs (sinks), for choosing a device: PulseAudio, or PipeWire
// through pipewire-pulse, asked through libpulse. libpulse is loaded only when a list is
// asked for (dlopen, like lib/speechd), so a system without it (pure ALSA) still runs and
// the program links no sound-server library. The only code that includes <pulse/...>.
// Thread contract: call from one thread at a time (it runs its own short main loop).
#pragma once
#include <optional>
#include <vector>

#include "audio/Devices.h"

namespace ml::pulse {

// The sinks in the server's order, the server's default marked (serverSink set), or
// nullopt when libpulse is missing or no server answers within about 2 s. Never starts a
// server (no autospawn) and never throws.
std::optional<std::vector<audio::OutputDevice>> listSinks();

}  // namespace ml::pulse
