// libFuzzer target: the Debat Direct readers and the step to the model must never crash,
// whatever the bytes; a SourceError is the only allowed failure.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sources/DebatDirect.h"
#include "sources/Fetcher.h"
#include "sources/Reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  namespace dd = ml::sources::dd;
  std::vector<dd::Location> locations;
  try {
    locations = dd::parseApp(body);
    (void)dd::findLocation(locations, body.substr(0, 20));
  } catch (const ml::sources::SourceError&) {
  }
  try {
    for (const auto& info : dd::parseAgenda(body)) (void)dd::toDebate(info, nullptr, &locations);
  } catch (const ml::sources::SourceError&) {
  }
  try {
    const auto actors = dd::parseActors(body);
    const auto info = dd::parseDebate(body);
    const ml::Debate d = dd::toDebate(info, &actors, &locations);
    (void)d.bestAudioUrl();
  } catch (const ml::sources::SourceError&) {
  }
  (void)dd::parsePageUrl(body);
  (void)ml::sources::classifyReference(body, "http://127.0.0.1/web");
  (void)ml::parseTimePoint(body.substr(0, 40));
  return 0;
}
