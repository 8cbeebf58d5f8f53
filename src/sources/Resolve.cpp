#include "sources/Resolve.h"

#include "core/Paths.h"
#include "sources/ExampleFetcher.h"
#include "sources/HttpFetcher.h"
#include "sources/Sources.h"

namespace ml::sources {

std::unique_ptr<Fetcher> makeFetcher(const SourceConfig& config, CancelPtr cancel) {
  if (config.example) return std::make_unique<ExampleFetcher>(ExampleFetcher::defaultRoot());
  return std::make_unique<HttpFetcher>(DiskCache(paths::cacheDir() / "http"), config.offline, std::move(cancel));
}

bool isExampleRef(const std::string& ref) { return ref == "voorbeeld" || ref == "example"; }

std::optional<Debate> resolveDebate(const std::string& ref, const SourceConfig& config, CancelPtr cancel) {
  const bool example = isExampleRef(ref) || config.example;
  const SourceConfig used = example ? exampleConfig() : config;
  auto fetcher = makeFetcher(used, std::move(cancel));
  Sources sources(used, *fetcher);
  try {
    return sources.resolve(isExampleRef(ref) ? std::string(kExampleNumber) : ref);
  } catch (const SourceError& e) {
    if (e.notFound()) return std::nullopt;
    throw;
  }
}

}  // namespace ml::sources
