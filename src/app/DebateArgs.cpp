#include "app/DebateArgs.h"

#include <stdexcept>
#include <vector>

#include "sources/DebateText.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

sources::SourceConfig sourceConfig(const Args& a, bool example) {
  sources::SourceOptions o;
  o.debatDirect = a.value("debatdirect").value_or("");
  o.openData = a.value("opendata").value_or("");
  o.web = a.value("web").value_or("");
  o.date = a.value("datum").value_or("");
  o.offline = a.flag("offline");
  o.example = example || a.flag("voorbeeld");
  try {
    return sources::configFrom(o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

ArgSpec withSourceOptions(ArgSpec spec) {
  spec.valued.insert({"datum", "debatdirect", "opendata", "web"});
  spec.flags.insert({"offline", "voorbeeld"});
  return spec;
}

std::optional<Debate> findDebate(const Args& a, const std::string& usage) {
  const std::string ref = joinWords(a.positional());
  if (ref.empty()) throw UsageError(usage);
  const sources::SourceConfig config = sourceConfig(a, sources::isExampleRef(ref));
  auto fetcher = sources::makeFetcher(config);
  sources::Sources src(config, *fetcher);
  try {
    return src.resolve(sources::isExampleRef(ref) ? std::string(sources::kExampleNumber) : ref);
  } catch (const sources::SourceError& e) {
    ui::errorLine(e.what());  // the error ends the command: stderr, with what explains it
    for (const auto& l : sources::noteLines(src.notes())) ui::errorLine(l);
    return std::nullopt;
  }
}

}  // namespace ml::app
