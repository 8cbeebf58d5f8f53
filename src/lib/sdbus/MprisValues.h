// Pure helpers behind the MPRIS service: which properties changed between two States and
// how odd values are made safe for the bus (valid UTF-8, valid object paths, finite numbers).
// No sd-bus here, so these are tested without a bus. Thread-free, never throw except bad_alloc.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/sdbus/Mpris.h"

namespace ml::mpris::detail {

inline constexpr const char* kNoTrack = "/org/mpris/MediaPlayer2/TrackList/NoTrack";

// Names of org.mpris.MediaPlayer2.Player properties whose bus value differs (never Position).
std::vector<std::string> changedProperties(const State& before, const State& after);

// The text with every invalid UTF-8 sequence (and NUL) replaced by U+FFFD.
std::string validUtf8(std::string_view text);

// True when `path` is a D-Bus object path ("/", or "/a/b_1" with elements of [A-Za-z0-9_]).
bool isObjectPath(std::string_view path);
// The track id as sent: `trackId` when it is a valid object path, else kNoTrack.
std::string busTrackId(const std::string& trackId);

// Seconds to microseconds, rounded; NaN gives 0, infinities the int64 limits.
std::int64_t toMicros(double seconds);
double toSeconds(std::int64_t micros);

// Values as the bus sees them: finite, in range. minimumRate <= 1 <= maximumRate (the spec).
std::string busPlaybackStatus(const std::string& status);  // unknown text reads "Stopped"
double busVolume(double volume);       // clamped to 0..2, NaN -> 1
double busMinimumRate(const State& s);
double busMaximumRate(const State& s);
double busRate(const State& s);        // clamped into the two above
double clampVolume(double requested);  // for a bus write; caller rejects NaN first
double clampRate(const State& s, double requested);

}  // namespace ml::mpris::detail
