// Time stamps as the Kamer's services write them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ml {

// Parses ISO 8601 date-times: "2023-12-21T10:15:00Z", "...00.000Z", "...+02:00", "...+0200"
// (Debat Direct's style), and without an offset (taken as UTC). Returns seconds since 1970
// (UTC, with fractions), or nullopt when the text is not such a time.
std::optional<double> parseIsoTime(std::string_view text);

// "12 minuten 5 seconden", "1 uur 3 minuten", "45 seconden": a duration spoken in Dutch.
std::string dutchDuration(double seconds);
// "1:02:05" / "2:05": a position in a recording.
std::string clockPosition(double seconds);

}  // namespace ml
