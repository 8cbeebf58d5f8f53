#include "lib/sdbus/MprisValues.h"

#include <cmath>
#include <limits>

#include "core/Utf8.h"

namespace ml::mpris::detail {

namespace {

bool metadataDiffers(const State& a, const State& b) {
  return a.title != b.title || a.artist != b.artist || a.album != b.album || a.url != b.url ||
         busTrackId(a.trackId) != busTrackId(b.trackId) ||
         toMicros(a.lengthSeconds) != toMicros(b.lengthSeconds);
}

// Length of the valid UTF-8 sequence starting at text[i] (the program's one decoder), or 0
// when it is not one; NUL counts as not one (D-Bus strings cannot hold it).
std::size_t sequenceLength(std::string_view text, std::size_t i) {
  const utf8::Decoded d = utf8::decode(text, i);
  if (d.status != utf8::Decoded::Status::Ok || d.cp == 0) return 0;
  return d.length;
}

bool isPathChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

double finiteOr(double value, double fallback) { return std::isfinite(value) ? value : fallback; }

}  // namespace

std::vector<std::string> changedProperties(const State& a, const State& b) {
  std::vector<std::string> names;
  auto check = [&](bool differs, const char* name) {
    if (differs) names.emplace_back(name);
  };
  check(busPlaybackStatus(a.playbackStatus) != busPlaybackStatus(b.playbackStatus),
        "PlaybackStatus");
  check(busRate(a) != busRate(b), "Rate");
  check(metadataDiffers(a, b), "Metadata");
  check(busVolume(a.volume) != busVolume(b.volume), "Volume");
  check(busMinimumRate(a) != busMinimumRate(b), "MinimumRate");
  check(busMaximumRate(a) != busMaximumRate(b), "MaximumRate");
  check(a.canGoNext != b.canGoNext, "CanGoNext");
  check(a.canGoPrevious != b.canGoPrevious, "CanGoPrevious");
  check(a.canPlay != b.canPlay, "CanPlay");
  check(a.canPause != b.canPause, "CanPause");
  check(a.canSeek != b.canSeek, "CanSeek");
  return names;
}

std::string validUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequenceLength(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

bool isObjectPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  char previous = '/';
  for (std::size_t i = 1; i < path.size(); ++i) {
    char c = path[i];
    if (c == '/' && previous == '/') return false;
    if (c != '/' && !isPathChar(c)) return false;
    previous = c;
  }
  return true;
}

std::string busTrackId(const std::string& trackId) {
  return isObjectPath(trackId) ? trackId : std::string(kNoTrack);
}

std::int64_t toMicros(double seconds) {
  if (std::isnan(seconds)) return 0;
  double micros = std::round(seconds * 1e6);
  // 2^63 is exactly representable; anything at or above it is clamped.
  constexpr double limit = 9223372036854775808.0;
  if (micros >= limit) return std::numeric_limits<std::int64_t>::max();
  if (micros <= -limit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(micros);
}

double toSeconds(std::int64_t micros) { return static_cast<double>(micros) / 1e6; }

std::string busPlaybackStatus(const std::string& status) {
  if (status == "Playing" || status == "Paused") return status;
  return "Stopped";
}

double busVolume(double volume) { return clampVolume(finiteOr(volume, 1.0)); }

double busMinimumRate(const State& s) {
  double r = finiteOr(s.minimumRate, 1.0);
  return r > 0 && r <= 1.0 ? r : 1.0;
}

double busMaximumRate(const State& s) {
  double r = finiteOr(s.maximumRate, 1.0);
  return r >= 1.0 ? r : 1.0;
}

double busRate(const State& s) { return clampRate(s, finiteOr(s.rate, 1.0)); }

double clampVolume(double requested) {
  if (requested < 0) return 0;
  if (requested > 2) return 2;
  return requested;
}

double clampRate(const State& s, double requested) {
  double lo = busMinimumRate(s), hi = busMaximumRate(s);
  if (requested < lo) return lo;
  if (requested > hi) return hi;
  return requested;
}

}  // namespace ml::mpris::detail
