// Time stamps as the Kamer's services write them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ml {

// The program's one ISO 8601 date-time parser. Takes "2023-12-21T10:15:00Z", a space
// instead of T, seconds left out, fractions (. or ,), the offsets Z, +02, +0200, +02:00
// (Debat Direct writes +0200), and no offset at all: then the time is Dutch local time
// (Europe/Amsterdam from the system's zone rules, core/DutchZone.h). Surrounding spaces
// are ignored. nullopt when the text is not such a time (a date alone is not).
struct IsoTime {
  std::int64_t utcSeconds = 0;  // whole seconds since 1970, UTC
  double fraction = 0;          // 0 <= fraction < 1
  int offsetMinutes = 0;        // as written, or the Dutch offset of that moment
};
std::optional<IsoTime> parseIso(std::string_view text);

// The same as seconds since 1970 (UTC, with fractions): for HLS's PROGRAM-DATE-TIME.
std::optional<double> parseIsoTime(std::string_view text);

// "12 minuten 5 seconden", "1 uur 3 minuten", "45 seconden": a duration spoken in Dutch.
std::string dutchDuration(double seconds);
// "1:02:05" / "2:05": a position in a recording.
std::string clockPosition(double seconds);

}  // namespace ml
