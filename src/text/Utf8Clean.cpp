#include "text/Utf8Clean.h"

#include "core/Utf8.h"

namespace ml::text::utf8 {
namespace {

constexpr char32_t kReplacement = ml::utf8::kReplacement;

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
  const ml::utf8::Decoded d = ml::utf8::decode(s, i);
  if (d.status != ml::utf8::Decoded::Status::Ok) {
    ++i;
    return kReplacement;
  }
  i += d.length;
  return d.cp;
}

void append(std::string& out, char32_t cp) { ml::utf8::append(out, cp); }

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

bool isValid(std::string_view s) { return ml::utf8::isValid(s); }

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
