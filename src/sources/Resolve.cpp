#include "sources/Resolve.h"

#include "core/Paths.h"
#include "sources/ExampleFetcher.h"
#include "sources/HttpFetcher.h"
#include "sources/Reference.h"
#include "sources/Sources.h"

namespace ml::sources {

std::unique_ptr<Fetcher> makeFetcher(const SourceConfig& config, CancelPtr cancel) {
  if (config.example) return std::make_unique<ExampleFetcher>(ExampleFetcher::defaultRoot());
  return std::make_unique<HttpFetcher>(DiskCache(paths::cacheDir() / "http"), config.offline, std::move(cancel));
}

bool isExampleRef(const std::string& ref) { return ref == "voorbeeld" || ref == "example"; }

std::optional<Debate> resolveDebate(const std::string& ref, const SourceConfig& config, CancelPtr cancel) {
  const SourceConfig used = isExampleRef(ref) && !config.example ? exampleConfig() : config;
  if (classifyReference(ref, used.web) == ReferenceKind::None) return std::nullopt;
  auto fetcher = makeFetcher(used, std::move(cancel));
  Sources sources(used, *fetcher);
  return sources.resolve(isExampleRef(ref) ? std::string(kExampleNumber) : ref);
}

}  // namespace ml::sources
