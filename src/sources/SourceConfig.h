// Where the sources live and how to reach them. Defaults are the real services; each base
// can be overridden by an option or an environment variable (tests point them at 127.0.0.1).
#pragma once
#include <string>

namespace ml::sources {

struct SourceConfig {
  std::string debatDirect = "https://cdn.debatdirect.tweedekamer.nl/api";  // MEELUISTER_DEBATDIRECT_URL
  std::string openData = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/";  // MEELUISTER_OPENDATA_URL
  std::string web = "https://www.tweedekamer.nl";  // MEELUISTER_WEB_URL
  bool offline = false;  // only the disk cache, no network
  bool example = false;  // the bundled example (data/example), no network
  std::string date;      // "YYYY-MM-DD"; empty: today in the Netherlands
};

// The defaults with the MEELUISTER_*_URL environment variables applied.
SourceConfig configFromEnvironment();

// The bases the bundled example answers to (see ExampleFetcher).
SourceConfig exampleConfig();

// The date of the bundled example debate.
inline constexpr const char* kExampleDate = "2023-12-21";

// "a/b" + "/c" without doubled or missing slashes.
std::string joinUrl(const std::string& base, const std::string& path);

// Percent-encodes everything but unreserved characters and the ones given in `keep`.
std::string percentEncode(const std::string& text, const std::string& keep = "");

}  // namespace ml::sources

namespace ml::sources {

// Command-line choices that shape a SourceConfig (all optional).
struct SourceOptions {
  std::string debatDirect, openData, web, date;  // empty: not given
  bool offline = false, example = false;
};

// The environment's configuration with the options applied; the example configuration when
// options.example. Throws std::invalid_argument (Dutch message) for a bad date or URL.
SourceConfig configFrom(const SourceOptions& options);

}  // namespace ml::sources
