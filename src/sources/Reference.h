// What kind of debate reference a piece of user text is (pure; no network), so that
// `show` and `listen` can tell a debate from a plain stream address or file.
#pragma once
#include <string>

namespace ml::sources {

enum class ReferenceKind {
  None,            // not a debate reference (e.g. an .m3u8 address or a file)
  Example,         // "voorbeeld" / "example"
  DebatDirectPage, // https://debatdirect.tweedekamer.nl/{date}/{category}/{room}/{slug}
  WebPage,         // a www.tweedekamer.nl address (or one under the configured web base)
  ActivityNumber,  // "2023A07965"
  DebatDirectId,   // a Debat Direct id (hexadecimal with hyphens)
  Room,            // a room name: "plenaire zaal", "Thorbeckezaal", "evenementenkanaal"
};

// `webBase`: the configured tweedekamer.nl base (addresses under it count as web pages).
ReferenceKind classifyReference(const std::string& ref, const std::string& webBase = "");

}  // namespace ml::sources
