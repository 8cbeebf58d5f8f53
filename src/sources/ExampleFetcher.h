// Serves the bundled example (data/example under ml::paths::dataDir(), or a given folder)
// for the "example:" bases of exampleConfig(), without any network:
//   example:debatdirect/<path>          -> debatdirect/<path>.json
//   example:opendata/Activiteit?...     -> opendata/day-<date>.json (a day's filter),
//                                          opendata/<token>.json ($skiptoken=<token>),
//                                          opendata/<Nummer>.json (Nummer eq / Id eq)
//   example:web/<path>?id=<Nummer>      -> web/<Nummer>.html; other pages -> web/<last part>.html
// A day or meeting without a file answers empty, as the real services do ({"debates": []},
// {"value": []}); anything else answers like a 404.
#pragma once
#include <filesystem>

#include "sources/Fetcher.h"

namespace ml::sources {

class ExampleFetcher : public Fetcher {
 public:
  explicit ExampleFetcher(std::filesystem::path root);
  FetchResult get(const std::string& url, std::size_t maxBytes) override;

  // The example folder inside the data folder.
  static std::filesystem::path defaultRoot();
  // The file that answers `url` ("example:..."), or an empty path when none may.
  std::filesystem::path fileFor(const std::string& url) const;

 private:
  std::filesystem::path root_;
};

}  // namespace ml::sources
