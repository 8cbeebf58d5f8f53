// Builds the normaliser's output: replaced words get spaces around them, original text keeps
// its own spacing. Not shared between threads (one per normalize() call).
#pragma once
#include <string>
#include <string_view>

namespace ml::text {

class SpokenText {
 public:
  void word(std::string_view w);  // words said instead of something: spaced from neighbours
  void raw(std::string_view s);   // original text (a word, punctuation) as written
  void space();
  bool empty() const { return out_.empty(); }
  // Collapsed spaces, no space before closing punctuation, trimmed.
  std::string finish() const;

 private:
  std::string out_;
  bool spaceAfter_ = false;
};

}  // namespace ml::text
