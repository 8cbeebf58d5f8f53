// Dutch time from the system's zone rules: /usr/share/zoneinfo/Europe/Amsterdam (tzdata),
// read once with a small TZif reader (version 2 and later: the 64-bit transitions, and the
// footer's POSIX rule for the years after the last one).
//
// Why not the C library: setenv("TZ") plus localtime_r changes the whole process's zone and
// setenv is not thread-safe (the fetcher, the live follower and the decoder run beside the
// code that parses times); g++ 12's libstdc++ has no std::chrono::locate_zone. So the file
// is read here, once (a function-local static: thread-safe), and every call after is a pure
// lookup. $TZDIR names another zoneinfo folder (as in glibc). When the file is missing or
// damaged the EU rule is used: CET-1CEST,M3.5.0,M10.5.0/3 (the same rule the footer holds).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace ml::zone {

struct PosixRule {  // "CET-1CEST,M3.5.0,M10.5.0/3"
  int stdOffset = 3600, dstOffset = 7200;  // seconds east of UTC
  bool hasDst = false;
  int startMonth = 3, startWeek = 5, startDay = 0, startTime = 7200;  // Mm.w.d/time (local)
  int endMonth = 10, endWeek = 5, endDay = 0, endTime = 10800;
};

struct Zone {
  std::vector<std::int64_t> transitions;  // UTC seconds, ascending
  std::vector<int> offsetAfter;           // seconds east of UTC from transitions[i] on
  int offsetBefore = 3600;                // before the first transition
  PosixRule rule;                         // after the last transition
  bool fromFile = false;
};

// Parses a POSIX TZ rule of the M form; false when it is another form.
bool parsePosixRule(std::string_view text, PosixRule& out);
// Parses TZif bytes (version 2 or later); false when they are not.
bool parseTzif(std::string_view bytes, Zone& out);
// The offset (seconds east of UTC) at a UTC moment.
int offsetAt(const Zone& zone, std::int64_t utcSeconds);

// Europe/Amsterdam as the system has it (loaded once).
const Zone& amsterdam();
// Seconds east of UTC in the Netherlands at that UTC moment (3600 or 7200 today).
int dutchOffsetSeconds(std::int64_t utcSeconds);
// The UTC moment of a Dutch wall-clock time (seconds since 1970 as if it were UTC). An
// ambiguous time (the hour repeated in October) is the first, in summer time; a time in
// the gap (the hour skipped in March) is read with the offset before the gap (02:30 is
// 03:30 summer time). `offset` receives the offset used.
std::int64_t utcFromDutchLocal(std::int64_t localSeconds, int* offset = nullptr);

}  // namespace ml::zone
