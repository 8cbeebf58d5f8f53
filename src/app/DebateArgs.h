// What the commands about one debate share (show, read): the source options
// --datum --debatdirect --opendata --web --offline --voorbeeld, and finding the debate the
// positional words name ("voorbeeld" is the bundled example).
#pragma once
#include <optional>
#include <string>

#include "app/Args.h"
#include "core/Debate.h"
#include "sources/SourceConfig.h"

namespace ml::app {

// `spec` with the source options added.
ArgSpec withSourceOptions(ArgSpec spec);

// The sources as the options say (`example`: the bundled example whatever --voorbeeld says).
// Throws UsageError when an option is wrong. (show, today and listen build the same.)
sources::SourceConfig sourceConfig(const Args& a, bool example = false);

// The debate the positional words name. Throws UsageError when none is given (`usage`
// says how) or an option is wrong. When the sources cannot find it: prints the reason
// and the notes on stderr (ui::errorLine) and returns nothing.
std::optional<Debate> findDebate(const Args& a, const std::string& usage);

}  // namespace ml::app
