// The program's one option table: every option's Dutch name, its old (English) names that
// still work, its value and what it does. Args reads aliases from here; `--hulp` and the
// man-page check (`meeluister --opties`) print from here. A new option is one row in
// kOptions plus its name in the commands' ArgSpecs (Commands.cpp: commandSpec).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/Args.h"

namespace ml::app {

struct OptionInfo {
  std::string_view name;      // without "--": the Dutch name
  std::string_view value;     // the value's placeholder ("BESTAND"); empty: a flag
  std::string_view oldNames;  // earlier names that still work, space-separated, without "--"
  std::string_view help;      // one Dutch line
};

std::span<const OptionInfo> allOptions();
// The row for a name or an old name; nullptr when there is none.
const OptionInfo* findOption(std::string_view nameOrOld);
// The old names of a row, split.
std::vector<std::string_view> oldNamesOf(const OptionInfo& o);

// The options every command takes besides its own: --uitvoerig, --alleen-fouten, --hulp.
ArgSpec withGeneralOptions(ArgSpec spec);

// Each command's options (without the general ones), by Dutch name. A new option for a
// command goes here.
ArgSpec playSpec();       // listen, demo
ArgSpec debateSpec();     // today, show: the source options
ArgSpec transcriptSpec(); // transcript: the source options and --uitvoer
ArgSpec readSpec();       // read
ArgSpec saySpec();        // say
ArgSpec normalizeSpec();  // normalize: none
ArgSpec devicesSpec();    // apparaten: none
ArgSpec menuSpec();       // no command: the day's list

}  // namespace ml::app
