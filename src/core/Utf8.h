// The program's one UTF-8 decoder, and the one cleaner that makes outside text printable.
// Everything that reads UTF-8 byte by byte (text::utf8, the key decoder, mojibake repair,
// the matcher, MPRIS values) decodes through utf8::decode; every line written to stdout
// (ui::line) or stderr (log) passes printable(). Pure functions; thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ml::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// One step of strict UTF-8 decoding (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF).
struct Decoded {
  enum class Status { Ok, Invalid, Incomplete };
  Status status = Status::Invalid;
  char32_t cp = kReplacement;  // the code point when Ok, else U+FFFD
  // Ok: the sequence's length. Invalid: the bytes of the maximal ill-formed prefix (at least
  // one; Unicode's "maximal subpart", each of which is one U+FFFD). Incomplete: the bytes
  // there are (a valid beginning that the text ends in the middle of; more may come).
  std::size_t length = 1;
};

// Decodes the sequence at s[i] (i < s.size()).
Decoded decode(std::string_view s, std::size_t i);

// The length a lead byte announces (1..4), or 0 for a byte that cannot start a sequence.
std::size_t sequenceLength(unsigned char lead);

void append(std::string& out, char32_t cp);

// True when s is well-formed UTF-8.
bool isValid(std::string_view s);

}  // namespace ml::utf8

namespace ml {

// Outside text made safe for a terminal and a screen reader, as one line: valid UTF-8
// (ill-formed bytes become U+FFFD), escape sequences (ESC and CSI/OSC/DCS/SOS/PM/APC up to
// their terminator) removed, every other C0 and C1 control and DEL removed (NUL, BEL ...),
// bidi overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) and the direction
// marks (U+200E, U+200F, U+061C) removed. A tab becomes a space; line breaks (CR, LF, CRLF,
// VT, FF, NEL, U+2028, U+2029) inside the text become " / " (a run of them one " / ") and
// are dropped at its start and end, so no text can begin a line of its own.
std::string printable(std::string_view text);

}  // namespace ml
