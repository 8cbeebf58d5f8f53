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

// A moment the listener typed ("go to", --start): a position in the recording, or a clock
// time in the room (Dutch local time, on the recording's day).
// - Position: "1:05:00" (hours:minutes:seconds), "12:30" (minutes:seconds), "90" (seconds),
//   with a decimal comma for a fraction ("90,5").
// - Clock time: "14.30", "14.30.15", "14u30", "14u" or "14:30 uur" (a full stop or a "u"
//   between hours and minutes, as Dutch writes times of day; "uur" after it).
// Spaces around are ignored. nullopt for anything else (out of range too: minutes and
// seconds 0-59, hours of a clock time 0-23).
struct Moment {
  enum class Kind { Position, Clock } kind = Kind::Position;
  double seconds = 0;  // Position: into the recording; Clock: since local midnight
};
std::optional<Moment> parseMoment(std::string_view text);
// The UTC second of a Dutch local clock time (seconds since midnight) on the Dutch
// calendar day of `dayUtc` (core/DutchZone: always an answer, the built-in EU rule at worst).
double clockOnDayOf(double dayUtc, double secondsSinceMidnight);

}  // namespace ml
