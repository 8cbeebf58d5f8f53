// The sound outputs a listener can choose (`meeluister apparaten`, --apparaat,
// --spraak-apparaat): what the system calls them, and how a name typed by the listener is
// matched to one. Pure data and functions; the lists themselves come from the sound server
// (lib/pulse) or PortAudio (lib/portaudio). Names come from the system: untrusted text,
// printed only through ui::line (which cleans it).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ml::audio {

// One output as the system lists it.
struct OutputDevice {
  std::string label;         // what the listener reads: a sink's description, PortAudio's device name
  std::string id;            // what opens it: the sound server's sink name, or PortAudio's device name
  bool isDefault = false;    // the system's default output
  bool serverSink = false;   // a PulseAudio (or PipeWire) sink, opened through ALSA's pulse/pipewire device
};

// Which output a device sink opens. Default: the system's default (PortAudio's), as
// meeluister always did.
struct DeviceChoice {
  enum class Kind { Default, ServerSink, PortAudio };
  Kind kind = Kind::Default;
  std::string id;     // the sink's name, or PortAudio's device name
  std::string label;  // for messages

  bool isDefault() const { return kind == Kind::Default; }
  bool sameOutput(const DeviceChoice& o) const { return kind == o.kind && id == o.id; }
};

DeviceChoice choiceFor(const OutputDevice& device);

// What a name typed by the listener picks: `index` into the list, or `error` (one Dutch
// line naming the choices). In order: the exact label or id; a whole number from the list
// (1 is the first, as `meeluister apparaten` numbers them); a part of one label or id that
// fits no other (capitals do not matter).
struct DeviceMatch {
  std::optional<std::size_t> index;
  std::string error;
};
DeviceMatch matchDevice(const std::vector<OutputDevice>& devices, std::string_view wanted);

// The listener's lines for the list: "1. Koptelefoon (standaard)", one a device. Two
// devices with the same label also show their id.
std::vector<std::string> deviceLines(const std::vector<OutputDevice>& devices);

}  // namespace ml::audio
