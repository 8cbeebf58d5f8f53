// WebVTT subtitles (W3C WebVTT) as the Kamer's HLS streams carry them: the Dutch subtitle
// track of a live stream (one small file per segment, speech recognition in "roll-up" style)
// or of a recording (one file for the whole debate). Parsed from text into plain structs,
// with every line cleaned for a terminal and a screen reader; the text is from the network
// and treated as hostile. Pure code, no I/O, linear time; thread-safe.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ml::text::vtt {

// Limits against hostile files: cues beyond kMaxCues are ignored, a line is cut (at a UTF-8
// boundary) to kMaxLineBytes, a cue keeps its first kMaxLinesPerCue lines.
inline constexpr std::size_t kMaxCues = 200000;
inline constexpr std::size_t kMaxLineBytes = 2000;
inline constexpr std::size_t kMaxLinesPerCue = 8;

struct Cue {
  double start = 0, end = 0;  // seconds on the file's own timeline
  // The cue's text lines: tags removed (<c.x>, <v Name>, <i>, <b>, <u>, <ruby>, <rt>, <lang>,
  // timestamps <00:01.000>), character references decoded (&amp; &lt; &gt; &quot; &apos;
  // &nbsp; &lrm; &rlm; and numeric &#NN; &#xHH;), each passed through ml::printable
  // (core/Utf8.h), spaces collapsed (a non-breaking space counts as one) and trimmed, empty
  // lines dropped. Never empty in a parsed File.
  std::vector<std::string> lines;
  std::string speaker;  // the first <v Name> voice annotation's name, cleaned, else empty
  std::string text() const;  // the lines joined by one space
};

// X-TIMESTAMP-MAP (HLS): the file's LOCAL time `local` is MPEG-TS time `mpegtsSeconds`.
struct TimestampMap {
  double mpegtsSeconds = 0;  // MPEGTS / 90000
  double local = 0;          // LOCAL in seconds
};

struct File {
  std::vector<Cue> cues;  // in the file's order
  std::optional<TimestampMap> timestampMap;
};

// Text that is not WebVTT; what() is a plain Dutch sentence.
class VttError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws VttError when the text does not start with "WEBVTT" (after an optional UTF-8 BOM)
// followed by space, tab, newline or end. Everything after that is lenient, as the WebVTT
// parsing rules are: cues with a malformed timing line are skipped (not fatal); LF, CRLF and
// CR line ends; hours optional (mm:ss.ttt and hh:mm:ss.ttt, hours may have more than two
// digits); NOTE, STYLE and REGION blocks skipped; cue identifiers optional; cue settings after
// the end time ignored; a line holding "-->" inside a cue's text starts the next cue; a cue
// whose end < start is skipped; cues whose text is empty after cleaning are dropped.
File parse(std::string_view text);

// Roll-up merging: the lines of `next` not already shown, given the lines last shown. Finds
// the largest k such that the first k lines of `next` equal the last k lines of `shown`
// (comparing text with spaces collapsed), and returns next's lines from k on. Also when
// `next` equals `shown` completely, returns nothing. Linear in the lines compared.
std::vector<std::string> newLines(const std::vector<std::string>& shown, const std::vector<std::string>& next);

// A timestamp "hh:mm:ss.ttt" or "mm:ss.ttt" to seconds; nullopt when malformed (minutes and
// seconds must be two digits < 60, milliseconds exactly three digits; hours one or more
// digits, at most nine). Nothing may come before or after it.
std::optional<double> parseTimestamp(std::string_view text);

}  // namespace ml::text::vtt
