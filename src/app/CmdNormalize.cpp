// meeluister normalize TEXT...: prints exactly what the Dutch voice will be given, one line.
// Without TEXT it reads lines from stdin and prints one normalised line per line.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "text/DutchNormalizer.h"

namespace ml::app {

int cmdNormalize(const std::vector<std::string>& args);

int cmdNormalize(const std::vector<std::string>& args) {
  const auto& normalizer = text::DutchNormalizer::standard();
  if (!args.empty()) {
    std::string joined;
    for (const auto& a : args) {
      if (!joined.empty()) joined += ' ';
      joined += a;
    }
    std::printf("%s\n", normalizer.normalize(joined).c_str());
    std::fflush(stdout);
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    std::printf("%s\n", normalizer.normalize(line).c_str());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace ml::app
