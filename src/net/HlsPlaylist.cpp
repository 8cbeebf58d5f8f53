#include "net/HlsPlaylist.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <map>

#include "core/Log.h"
#include "core/Time.h"
#include "net/Url.h"

namespace ml::net {
namespace {

using Attributes = std::map<std::string, std::string, std::less<>>;

// Parses an attribute list: KEY=VALUE pairs, comma separated, values maybe quoted.
Attributes parseAttributes(std::string_view s) {
  Attributes out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ',' || s[i] == ' ')) ++i;
    std::size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key(s.substr(i, eq - i));
    i = eq + 1;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      std::size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos) close = s.size();
      value = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      std::size_t comma = s.find(',', i);
      if (comma == std::string_view::npos) comma = s.size();
      value = std::string(s.substr(i, comma - i));
      i = comma;
    }
    out[key] = std::move(value);
  }
  return out;
}

std::string attr(const Attributes& a, std::string_view key) {
  auto it = a.find(key);
  return it == a.end() ? std::string() : it->second;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Playlist text quoted in a message: at most 40 bytes, control bytes (ESC, BEL, ...) as '?'.
std::string quoted(std::string_view s) {
  std::string out(s.substr(0, 40));
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return out;
}

double number(std::string_view s) {
  std::string t(s);
  char* end = nullptr;
  double d = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || !(d >= 0) || d > 1e9) throw PlaylistError("Ongeldig getal in afspeellijst: " + quoted(t));
  return d;
}

// A decimal-integer (RFC 8216 4.2); out of range (above INT64_MAX) is refused, never clamped.
std::int64_t integer(std::string_view s, const char* what = "volgnummer") {
  std::string t(s.substr(0, 40));
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(t.c_str(), &end, 10);
  if (end == t.c_str() || v < 0 || errno == ERANGE) {
    throw PlaylistError(std::string("Ongeldig ") + what + " in afspeellijst: " + quoted(t));
  }
  return v;
}

// "<length>[@<offset>]"; without an offset: -1 (continues after the previous range).
std::pair<std::int64_t, std::int64_t> byteRange(std::string_view s) {
  std::size_t at = s.find('@');
  std::int64_t length = integer(s.substr(0, at), "bytebereik");
  std::int64_t offset = at == std::string_view::npos ? -1 : integer(s.substr(at + 1), "bytebereik");
  if (length <= 0 || (offset > 0 && length > std::numeric_limits<std::int64_t>::max() - offset)) {
    throw PlaylistError("Ongeldig bytebereik in afspeellijst.");
  }
  return {length, offset};
}

constexpr double kMaxSegmentSeconds = 86400;  // a longer EXTINF is a broken playlist

class Parser {
 public:
  Parser(std::string_view base) : base_(base) {}

  void line(std::string_view l) {
    if (l.empty()) return;
    if (l[0] != '#') return uri(l);
    if (startsWith(l, "#EXTINF:")) {
      std::string_view v = l.substr(8);
      pendingDuration_ = number(v.substr(0, v.find(',')));
      if (pendingDuration_ > kMaxSegmentSeconds) throw PlaylistError("Ongeldige segmentduur in afspeellijst.");
      haveExtinf_ = true;
    } else if (startsWith(l, "#EXT-X-TARGETDURATION:")) {
      out_.media.targetDuration = number(l.substr(22));
    } else if (startsWith(l, "#EXT-X-MEDIA-SEQUENCE:")) {
      out_.media.mediaSequence = integer(l.substr(22));
      nextSequence_ = out_.media.mediaSequence;
    } else if (startsWith(l, "#EXT-X-PROGRAM-DATE-TIME:")) {
      pendingPdt_ = parseIsoTime(l.substr(25));
    } else if (l == "#EXT-X-DISCONTINUITY") {
      pendingDiscontinuity_ = true;
    } else if (l == "#EXT-X-ENDLIST") {
      out_.media.endList = true;
    } else if (startsWith(l, "#EXT-X-PLAYLIST-TYPE:")) {
      out_.media.playlistType = std::string(l.substr(21));
      if (out_.media.playlistType == "VOD") out_.media.endList = true;
    } else if (startsWith(l, "#EXT-X-MAP:")) {
      Attributes a = parseAttributes(l.substr(11));
      std::string u = attr(a, "URI");
      if (u.empty()) throw PlaylistError("EXT-X-MAP zonder adres in afspeellijst.");
      map_ = resolveUrl(base_, u);
      mapRange_ = {-1, 0};
      std::string range = attr(a, "BYTERANGE");
      if (!range.empty()) {
        auto [length, offset] = byteRange(range);
        mapRange_ = {length, std::max<std::int64_t>(0, offset)};  // RFC 8216: no offset means 0
      }
    } else if (startsWith(l, "#EXT-X-MEDIA:")) {
      media(parseAttributes(l.substr(13)));
    } else if (startsWith(l, "#EXT-X-STREAM-INF:")) {
      pendingVariant_ = parseAttributes(l.substr(18));
      haveVariant_ = true;
    } else if (startsWith(l, "#EXT-X-KEY:")) {
      std::string method = attr(parseAttributes(l.substr(11)), "METHOD");
      if (!method.empty() && method != "NONE") {
        throw PlaylistError("Deze stream is versleuteld; dat kan meeluister niet afspelen.");
      }
    } else if (startsWith(l, "#EXT-X-BYTERANGE:")) {
      pendingRange_ = byteRange(trim(l.substr(17)));
      haveRange_ = true;
    } else if (l == "#EXT-X-GAP") {
      pendingGap_ = true;
    }
    // Other tags (and unknown ones) are ignored, as RFC 8216 asks.
  }

  HlsPlaylist finish() {
    out_.isMaster = !out_.variants.empty() || (!out_.renditions.empty() && out_.media.segments.empty());
    if (!out_.isMaster && out_.media.targetDuration <= 0) {
      double maxDur = 0;
      for (const auto& s : out_.media.segments) maxDur = std::max(maxDur, s.duration);
      if (maxDur <= 0 && !out_.media.endList) {
        throw PlaylistError("De afspeellijst heeft geen segmenten en geen doelduur.");
      }
      out_.media.targetDuration = std::max(1.0, maxDur);
    }
    return std::move(out_);
  }

 private:
  void uri(std::string_view l) {
    if (haveVariant_) {
      HlsVariant v;
      v.uri = resolveUrl(base_, l);
      v.bandwidth = static_cast<long>(std::strtol(attr(pendingVariant_, "BANDWIDTH").c_str(), nullptr, 10));
      v.audioGroup = attr(pendingVariant_, "AUDIO");
      v.codecs = attr(pendingVariant_, "CODECS");
      out_.variants.push_back(std::move(v));
      haveVariant_ = false;
      return;
    }
    if (!haveExtinf_) {
      throw PlaylistError("Segment zonder EXTINF in afspeellijst.");
    }
    HlsSegment s;
    s.uri = resolveUrl(base_, l);
    s.duration = pendingDuration_;
    if (nextSequence_ == std::numeric_limits<std::int64_t>::max()) {
      throw PlaylistError("Ongeldig volgnummer in afspeellijst: te groot.");
    }
    s.sequence = nextSequence_++;
    s.discontinuity = pendingDiscontinuity_;
    s.mapUri = map_;
    s.mapRangeLength = mapRange_.first;
    s.mapRangeOffset = mapRange_.second;
    s.gap = pendingGap_;
    if (haveRange_) {
      // Without an offset the range follows the previous one of the same resource.
      std::int64_t offset = pendingRange_.second;
      if (offset < 0) {
        if (out_.media.segments.empty() || out_.media.segments.back().uri != s.uri ||
            out_.media.segments.back().rangeLength < 0) {
          throw PlaylistError("Bytebereik zonder begin in afspeellijst.");
        }
        const auto& prev = out_.media.segments.back();
        if (prev.rangeLength > std::numeric_limits<std::int64_t>::max() - prev.rangeOffset - pendingRange_.first) {
          throw PlaylistError("Ongeldig bytebereik in afspeellijst.");
        }
        offset = prev.rangeOffset + prev.rangeLength;
      }
      s.rangeLength = pendingRange_.first;
      s.rangeOffset = offset;
    }
    if (pendingPdt_) {
      s.programDateTime = pendingPdt_;
    } else if (!out_.media.segments.empty() && out_.media.segments.back().programDateTime) {
      const auto& prev = out_.media.segments.back();
      if (!s.discontinuity) s.programDateTime = *prev.programDateTime + prev.duration;
    }
    out_.media.segments.push_back(std::move(s));
    haveExtinf_ = false;
    haveRange_ = false;
    pendingGap_ = false;
    pendingDiscontinuity_ = false;
    pendingPdt_.reset();
  }

  void media(const Attributes& a) {
    HlsRendition r;
    r.type = attr(a, "TYPE");
    r.groupId = attr(a, "GROUP-ID");
    r.name = attr(a, "NAME");
    r.language = attr(a, "LANGUAGE");
    r.isDefault = attr(a, "DEFAULT") == "YES";
    std::string u = attr(a, "URI");
    if (!u.empty()) r.uri = resolveUrl(base_, u);
    out_.renditions.push_back(std::move(r));
  }

  std::string base_;
  HlsPlaylist out_;
  std::int64_t nextSequence_ = 0;
  double pendingDuration_ = 0;
  bool haveExtinf_ = false;
  bool haveVariant_ = false;
  bool pendingDiscontinuity_ = false;
  std::optional<double> pendingPdt_;
  std::string map_;
  std::pair<std::int64_t, std::int64_t> mapRange_{-1, 0};
  std::pair<std::int64_t, std::int64_t> pendingRange_{-1, 0};
  bool haveRange_ = false;
  bool pendingGap_ = false;
  Attributes pendingVariant_;
};

}  // namespace

double HlsMedia::totalDuration() const {
  double d = 0;
  for (const auto& s : segments) d += s.duration;
  return d;
}

bool looksLikePlaylist(std::string_view text) {
  if (startsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (l.empty()) continue;
    if (l[0] != '#') return false;
    if (startsWith(l, "#EXT")) return true;  // #EXTM3U, or a peer's playlist with a comment first
  }
  return false;
}

HlsPlaylist parsePlaylist(std::string_view text, std::string_view baseUrl) {
  if (startsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!looksLikePlaylist(text) || text.find("#EXTM3U") == std::string_view::npos) {
    throw PlaylistError("Dit is geen HLS-afspeellijst (#EXTM3U ontbreekt).");
  }
  Parser p(baseUrl);
  std::size_t pos = 0;
  try {
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      p.line(trim(text.substr(pos, nl - pos)));
      pos = nl + 1;
    }
  } catch (const std::invalid_argument& e) {
    throw PlaylistError("Ongeldig adres in afspeellijst: " + quoted(e.what()));
  }
  return p.finish();
}

std::string chooseAudioPlaylist(const HlsPlaylist& master) {
  const HlsRendition* best = nullptr;
  for (const auto& r : master.renditions) {
    if (r.type != "AUDIO" || r.uri.empty()) continue;
    if (best == nullptr || (r.isDefault && !best->isDefault)) best = &r;
  }
  if (best != nullptr) return best->uri;
  const HlsVariant* lowest = nullptr;
  for (const auto& v : master.variants) {
    if (lowest == nullptr || v.bandwidth < lowest->bandwidth) lowest = &v;
  }
  if (lowest != nullptr) return lowest->uri;
  throw PlaylistError("De afspeellijst noemt geen audio om af te spelen.");
}

}  // namespace ml::net
