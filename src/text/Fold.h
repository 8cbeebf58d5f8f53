// Text folded for comparing: lower case, Latin letters without their accents ("Één" ->
// "een", "Klompézaal" -> "klompezaal"), curly apostrophes straight. Used by search in the
// words and by matching a room's name. Pure; thread-safe.
#pragma once
#include <string>

namespace ml::text {

std::string foldForSearch(const std::string& text);

}  // namespace ml::text
