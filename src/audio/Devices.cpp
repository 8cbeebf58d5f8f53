#include "audio/Devices.h"

#include <fmt/core.h>

#include <algorithm>

namespace ml::audio {
namespace {

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::size_t> wholeNumber(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  std::size_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

std::string choices(const std::vector<OutputDevice>& devices, const std::vector<std::size_t>& which) {
  const auto lines = deviceLines(devices);
  std::string out;
  for (std::size_t i : which) out += (out.empty() ? "" : "; ") + lines[i];
  return out;
}

std::vector<std::size_t> all(const std::vector<OutputDevice>& devices) {
  std::vector<std::size_t> out(devices.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

}  // namespace

DeviceChoice choiceFor(const OutputDevice& device) {
  DeviceChoice c;
  c.kind = device.serverSink ? DeviceChoice::Kind::ServerSink : DeviceChoice::Kind::PortAudio;
  c.id = device.id;
  c.label = device.label;
  return c;
}

std::vector<std::string> deviceLines(const std::vector<OutputDevice>& devices) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const auto& d = devices[i];
    const bool twin = std::count_if(devices.begin(), devices.end(),
                                    [&](const OutputDevice& o) { return o.label == d.label; }) > 1;
    std::string line = fmt::format("{}. {}", i + 1, d.label.empty() ? d.id : d.label);
    if (twin && d.id != d.label) line += fmt::format(" (naam: {})", d.id);
    if (d.isDefault) line += " (standaard)";
    out.push_back(std::move(line));
  }
  return out;
}

DeviceMatch matchDevice(const std::vector<OutputDevice>& devices, std::string_view wanted) {
  const std::string_view name = trimmed(wanted);
  DeviceMatch m;
  if (devices.empty()) {
    m.error = "Er is geen enkel geluidsapparaat gevonden.";
    return m;
  }
  if (name.empty()) {
    m.error = fmt::format("Geef de naam of het nummer van een geluidsapparaat: {}.", choices(devices, all(devices)));
    return m;
  }
  // The exact label or id; two devices with the same label are told apart by id or number.
  std::vector<std::size_t> exact;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (devices[i].id == name || devices[i].label == name) exact.push_back(i);
  }
  if (exact.size() == 1) {
    m.index = exact.front();
    return m;
  }
  if (exact.empty()) {
    if (auto n = wholeNumber(name)) {
      if (*n >= 1 && *n <= devices.size()) {
        m.index = *n - 1;
        return m;
      }
      m.error = fmt::format("Er is geen geluidsapparaat nummer {}; kies 1 tot {}: {}.", *n, devices.size(),
                            choices(devices, all(devices)));
      return m;
    }
  }
  std::vector<std::size_t> part = exact;
  if (part.empty()) {
    const std::string needle = lowerAscii(name);
    for (std::size_t i = 0; i < devices.size(); ++i) {
      if (lowerAscii(devices[i].label).find(needle) != std::string::npos ||
          lowerAscii(devices[i].id).find(needle) != std::string::npos) {
        part.push_back(i);
      }
    }
  }
  if (part.size() == 1) {
    m.index = part.front();
  } else if (part.empty()) {
    m.error = fmt::format("Er is geen geluidsapparaat '{}'. Kies een van deze (naam, deel van de naam of nummer): {}.",
                          name, choices(devices, all(devices)));
  } else {
    m.error = fmt::format("'{}' past bij meer dan één geluidsapparaat: {}. Geef meer van de naam, of het nummer.",
                          name, choices(devices, part));
  }
  return m;
}

}  // namespace ml::audio
