#include "text/SpokenText.h"

#include <cctype>

namespace ml::text {
namespace {

bool startsWord(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s[0]);
  return std::isalnum(c) != 0 || c >= 0x80;
}

bool isClosing(char c) { return std::string_view(".,;:!?)").find(c) != std::string_view::npos; }

}  // namespace

void SpokenText::word(std::string_view w) {
  if (w.empty()) return;
  if (!out_.empty()) {
    const char last = out_.back();
    if (last != ' ' && last != '(' && last != '-') out_ += ' ';
  }
  out_ += w;
  spaceAfter_ = true;
}

void SpokenText::raw(std::string_view s) {
  if (s.empty()) return;
  if (spaceAfter_ && startsWord(s) && !out_.empty() && out_.back() != ' ') out_ += ' ';
  out_ += s;
  spaceAfter_ = false;
}

void SpokenText::space() {
  if (!out_.empty() && out_.back() != ' ') out_ += ' ';
  spaceAfter_ = false;
}

std::string SpokenText::finish() const {
  std::string out;
  out.reserve(out_.size());
  for (char c : out_) {
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '(')) continue;
    if (isClosing(c) && !out.empty() && out.back() == ' ') out.pop_back();
    // A comma or colon right after other punctuation adds nothing: "?," -> "?".
    if ((c == ',' || c == ';') && !out.empty() && isClosing(out.back()) && out.back() != ')') continue;
    if (c == ',' && out.empty()) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace ml::text
