#include "text/Fold.h"

#include "core/Utf8.h"

namespace ml::text {

namespace {

// The base letter of a Latin letter with a diacritic (lower case), 0 when it has none here.
char baseLetter(char32_t c) {
  if (c >= 0xC0 && c <= 0xC5) return 'a';
  if (c >= 0xE0 && c <= 0xE5) return 'a';
  if (c == 0xC7 || c == 0xE7) return 'c';
  if ((c >= 0xC8 && c <= 0xCB) || (c >= 0xE8 && c <= 0xEB)) return 'e';
  if ((c >= 0xCC && c <= 0xCF) || (c >= 0xEC && c <= 0xEF)) return 'i';
  if (c == 0xD1 || c == 0xF1) return 'n';
  if ((c >= 0xD2 && c <= 0xD6) || (c >= 0xF2 && c <= 0xF6) || c == 0xD8 || c == 0xF8) return 'o';
  if ((c >= 0xD9 && c <= 0xDC) || (c >= 0xF9 && c <= 0xFC)) return 'u';
  if (c == 0xDD || c == 0xFD || c == 0xFF) return 'y';
  if (c >= 0x100 && c <= 0x17F) {  // Latin Extended-A, in runs of one base letter
    struct Run {
      char letter;
      int count;
    };
    static constexpr Run runs[] = {{'a', 6}, {'c', 8}, {'d', 4}, {'e', 10}, {'g', 8}, {'h', 4}, {'i', 12},
                                   {'j', 2}, {'k', 3}, {'l', 10}, {'n', 9}, {'o', 8}, {'r', 6}, {'s', 8},
                                   {'t', 6}, {'u', 12}, {'w', 2}, {'y', 3}, {'z', 6}, {'s', 1}};
    int i = static_cast<int>(c - 0x100);
    for (const auto& r : runs) {
      if (i < r.count) return r.letter;
      i -= r.count;
    }
  }
  return 0;
}

}  // namespace

std::string foldForSearch(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto d = utf8::decode(text, i);
    i += d.length;
    if (d.status != utf8::Decoded::Status::Ok) continue;
    const char32_t c = d.cp;
    if (c < 0x80) {
      const char ch = static_cast<char>(c);
      out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    } else if (const char b = baseLetter(c)) {
      out += b;
    } else if (c == 0x2019 || c == 0x2018) {
      out += '\'';
    } else {
      utf8::append(out, c);
    }
  }
  return out;
}

}  // namespace ml::text
