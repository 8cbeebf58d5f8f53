#include "core/Utf8.h"

namespace ml::utf8 {

std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80U) return 1;
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 0;
}

Decoded decode(std::string_view s, std::size_t i) {
  using S = Decoded::Status;
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t len = sequenceLength(lead);
  if (len == 1) return {S::Ok, lead, 1};
  if (len == 0) return {S::Invalid, kReplacement, 1};
  // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and values
  // above U+10FFFF (F4) at once, so a bad sequence is caught at its first bad byte.
  unsigned char low = 0x80, high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  char32_t cp = lead & (len == 2 ? 0x1FU : len == 3 ? 0x0FU : 0x07U);
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return {S::Incomplete, kReplacement, k};
    const auto c = static_cast<unsigned char>(s[i + k]);
    const bool ok = k == 1 ? (c >= low && c <= high) : (c & 0xC0U) == 0x80U;
    if (!ok) return {S::Invalid, kReplacement, k};
    cp = (cp << 6) | (c & 0x3FU);
  }
  return {S::Ok, cp, len};
}

void append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool isValid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    if (d.status != Decoded::Status::Ok) return false;
    i += d.length;
  }
  return true;
}

}  // namespace ml::utf8

namespace ml {
namespace {

constexpr char kEsc = '\x1b';

bool isLineBreak(char32_t cp) {
  return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
         cp == 0x2029;
}

bool isDirectionControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

// Where a control string (OSC, DCS, SOS, PM, APC) that starts at `from` ends: after its
// BEL or ST (ESC \ or U+009C), or npos when it is not terminated.
std::size_t controlStringEnd(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\a') return i + 1;
    if (s[i] == kEsc && i + 1 < s.size() && s[i + 1] == '\\') return i + 2;
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\x9C') return i + 2;
  }
  return std::string_view::npos;
}

// CSI parameters and intermediates up to the final byte; stops (without it) at any byte
// that cannot be part of the sequence.
std::size_t csiEnd(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x40 && c <= 0x7E) return i + 1;
    if (c < 0x20 || c > 0x3F) return i;
    ++i;
  }
  return i;
}

// The bytes an escape sequence at s[i] (ESC) takes.
std::size_t escapeEnd(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return i + 1;
  const auto c = static_cast<unsigned char>(s[i + 1]);
  if (c == '[') return csiEnd(s, i + 2);
  if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
    const std::size_t end = controlStringEnd(s, i + 2);
    return end == std::string_view::npos ? i + 2 : end;  // unterminated: only the introducer
  }
  std::size_t j = i + 1;
  while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x20 && static_cast<unsigned char>(s[j]) <= 0x2F) ++j;
  if (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x30 && static_cast<unsigned char>(s[j]) <= 0x7E) return j + 1;
  return j;  // ESC (and intermediates) before something else: dropped, the rest stays
}

// The same for the C1 introducers as code points (U+009B CSI, U+009D OSC ...), at s[i]
// whose two bytes are C2 xx.
std::size_t c1End(std::string_view s, std::size_t i, char32_t cp) {
  if (cp == 0x9B) return csiEnd(s, i + 2);
  if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
    const std::size_t end = controlStringEnd(s, i + 2);
    return end == std::string_view::npos ? i + 2 : end;
  }
  return i + 2;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pendingBreak = false;  // a run of line breaks waits for the next printed character
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == kEsc) {
      i = escapeEnd(text, i);
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    const char32_t cp = d.status == utf8::Decoded::Status::Ok ? d.cp : utf8::kReplacement;
    if (d.status == utf8::Decoded::Status::Ok && cp >= 0x80 && cp <= 0x9F && cp != 0x85) {
      i = c1End(text, i, cp);
      continue;
    }
    i += d.length;
    if (isLineBreak(cp)) {
      pendingBreak = !out.empty();
      continue;
    }
    if (cp == '\t') {
      if (pendingBreak) {
        out += " / ";
        pendingBreak = false;
      }
      out.push_back(' ');
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || isDirectionControl(cp)) continue;
    if (pendingBreak) {
      out += " / ";
      pendingBreak = false;
    }
    utf8::append(out, cp);
  }
  return out;
}

}  // namespace ml
