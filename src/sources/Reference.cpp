#include "sources/Reference.h"

#include "sources/DebatDirect.h"
#include "sources/OpenData.h"

namespace ml::sources {
namespace {

std::string lowerHost(const std::string& url) {
  const auto p = url.find("://");
  if (p == std::string::npos) return {};
  std::string host = url.substr(p + 3, url.find_first_of("/?#:", p + 3) - (p + 3));
  for (auto& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return host;
}

bool looksLikeId(const std::string& s) {
  if (s.size() < 8 || s.size() > 64) return false;
  bool digit = false;
  for (const char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != '-') return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

std::string upper(std::string s) {
  for (auto& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

ReferenceKind classifyReference(const std::string& ref, const std::string& webBase) {
  if (ref == "voorbeeld" || ref == "example") return ReferenceKind::Example;
  if (dd::parsePageUrl(ref)) return ReferenceKind::DebatDirectPage;
  if (!webBase.empty() && ref.rfind(webBase, 0) == 0) return ReferenceKind::WebPage;
  if (ref.rfind("example:web/", 0) == 0) return ReferenceKind::WebPage;
  const std::string host = lowerHost(ref);
  if (!host.empty()) {
    return host == "www.tweedekamer.nl" || host == "tweedekamer.nl" ? ReferenceKind::WebPage : ReferenceKind::None;
  }
  if (od::isActivityNumber(upper(ref))) return ReferenceKind::ActivityNumber;
  if (looksLikeId(ref)) return ReferenceKind::DebatDirectId;
  const std::string key = dd::roomKey(ref);
  const bool room = (key.size() > 4 && key.compare(key.size() - 4, 4, "zaal") == 0) || key == "evenementenkanaal";
  if (room && ref.find('/') == std::string::npos && ref.find('.') == std::string::npos) return ReferenceKind::Room;
  return ReferenceKind::None;
}

}  // namespace ml::sources
