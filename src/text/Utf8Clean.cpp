#include "text/Utf8Clean.h"

namespace ml::text::utf8 {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool isContinuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// Returns the sequence length announced by a lead byte, or 0 for a byte that cannot lead.
std::size_t sequenceLength(unsigned char c) {
  if (c < 0x80U) return 1;
  if (c >= 0xC2U && c <= 0xDFU) return 2;
  if (c >= 0xE0U && c <= 0xEFU) return 3;
  if (c >= 0xF0U && c <= 0xF4U) return 4;
  return 0;
}

bool isSpaceLike(char32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0x1680;
}

bool isInvisible(char32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || cp == kReplacement ||
         (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0xE000 && cp <= 0xF8FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x34F;
}

}  // namespace

char32_t next(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t len = sequenceLength(lead);
  if (len == 1) return static_cast<char32_t>(s[i++]);
  if (len == 0 || i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = lead & (len == 2 ? 0x1FU : len == 3 ? 0x0FU : 0x07U);
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (!isContinuation(c)) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3FU);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

void append(std::string& out, char32_t cp) {
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

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next(s, i);
    if (cp == '\r') {
      if (i < s.size() && s[i] == '\n') ++i;
      cp = '\n';
    }
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == '\v' || cp == '\f') cp = '\n';
    if (cp == '\t' || isSpaceLike(cp)) cp = ' ';
    if (cp == '\n' || cp == ' ') {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || isInvisible(cp)) continue;
    append(out, cp);
  }
  return out;
}

bool isValid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t before = i;
    if (next(s, i) == kReplacement && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) {
      return false;
    }
  }
  return true;
}

bool isLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0xC0 && cp <= 0x24F) return true;
  if (cp >= 0x250 && cp <= 0x2AF) return true;
  if (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) return true;
  if (cp >= 0x400 && cp <= 0x52F) return true;
  if (cp >= 0x1E00 && cp <= 0x1FFF) return true;
  return false;
}

}  // namespace ml::text::utf8
