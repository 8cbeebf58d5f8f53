#include "app/Args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "app/Options.h"
#include "audio/Sink.h"

namespace ml::app {

Args::Args(const std::vector<std::string>& argv, const ArgSpec& spec) {
  bool optionsEnded = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (!optionsEnded && a == "--") {  // what follows is positional, even "--x" or "-5"
      optionsEnded = true;
      continue;
    }
    if (optionsEnded || a.size() < 3 || a.compare(0, 2, "--") != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inlineValue;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name.resize(eq);
    }
    // An old (English) name stands for its Dutch one (app/Options.h) when the command
    // takes that option.
    if (spec.flags.count(name) == 0 && spec.valued.count(name) == 0) {
      if (const OptionInfo* o = findOption(name); o != nullptr) {
        const std::string dutch(o->name);
        if (spec.flags.count(dutch) != 0 || spec.valued.count(dutch) != 0) name = dutch;
      }
    }
    if (spec.flags.count(name) != 0 && !inlineValue) {
      flags_.insert(name);
    } else if (spec.valued.count(name) != 0) {
      if (inlineValue) {
        values_[name] = *inlineValue;
      } else if (i + 1 < argv.size()) {
        values_[name] = argv[++i];
      } else {
        throw UsageError("De optie --" + name + " heeft een waarde nodig.");
      }
      // A command's --uitvoer as an audio file: an unknown type is refused before
      // anything runs (it would otherwise be written as WAV under a wrong name).
      if (spec.audioOutput && (name == "uitvoer" || name == "output") && !audio::isKnownOutputType(values_[name])) {
        throw UsageError("--" + name + " '" + values_[name] + "': meeluister schrijft alleen bestanden die eindigen op " +
                         audio::knownOutputTypes() + ".");
      }
    } else {
      throw UsageError("Onbekende optie: --" + name + ".");
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> Args::number(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(v->c_str(), &end);
  if (v->empty() || end == nullptr || *end != '\0' || errno != 0 || !std::isfinite(d) || d < 0) {
    throw UsageError("De optie --" + name + " verwacht een getal van 0 of meer, niet '" + *v + "'.");
  }
  return d;
}

}  // namespace ml::app
