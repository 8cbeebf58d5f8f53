// meeluister normalize TEXT...: prints exactly what the Dutch voice will be given, one line.
// Without TEXT it reads lines from stdin and prints one normalised line per line.
#include <iostream>
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/Options.h"
#include "text/DutchNormalizer.h"
#include "ui/Lines.h"

namespace ml::app {

int cmdNormalize(const std::vector<std::string>& args);

int cmdNormalize(const std::vector<std::string>& argv) {
  // Text that starts with "--" comes after "--" (meeluister normalize -- --tekst).
  const Args parsed(argv, normalizeSpec());
  const auto& args = parsed.positional();
  const auto& normalizer = text::DutchNormalizer::standard();
  if (!args.empty()) {
    std::string joined;
    for (const auto& a : args) {
      if (!joined.empty()) joined += ' ';
      joined += a;
    }
    ui::line(normalizer.normalize(joined));  // through the one cleaner, as every line
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    ui::line(normalizer.normalize(line));
  }
  return 0;
}

}  // namespace ml::app
