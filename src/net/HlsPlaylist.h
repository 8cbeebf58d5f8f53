// HLS playlists (RFC 8216): master and media, parsed from text into plain structs.
// URIs are resolved against the playlist's own URL. Pure code, no I/O; thread-agnostic.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ml::net {

struct HlsRendition {  // #EXT-X-MEDIA
  std::string type;     // AUDIO, SUBTITLES, ...
  std::string groupId;
  std::string name;
  std::string language;
  std::string uri;      // resolved; empty when the rendition is muxed into the variants
  bool isDefault = false;
};

struct HlsVariant {  // #EXT-X-STREAM-INF
  std::string uri;      // resolved
  long bandwidth = 0;
  std::string audioGroup;
  std::string codecs;
};

struct HlsSegment {
  std::string uri;                      // resolved
  double duration = 0;                  // #EXTINF seconds
  std::int64_t sequence = 0;            // media sequence number
  std::optional<double> programDateTime;  // seconds since 1970 (UTC)
  bool discontinuity = false;           // #EXT-X-DISCONTINUITY before this segment
  std::string mapUri;                   // #EXT-X-MAP in force (resolved), empty for none
  // #EXT-X-BYTERANGE: only bytes [rangeOffset, rangeOffset + rangeLength) of uri; -1: whole
  std::int64_t rangeLength = -1;
  std::int64_t rangeOffset = 0;
  // #EXT-X-MAP's BYTERANGE, the same way
  std::int64_t mapRangeLength = -1;
  std::int64_t mapRangeOffset = 0;
  bool gap = false;                     // #EXT-X-GAP: a known hole, never to be requested
};

struct HlsMedia {
  double targetDuration = 0;
  std::int64_t mediaSequence = 0;
  bool endList = false;
  std::string playlistType;  // "VOD", "EVENT" or ""
  std::vector<HlsSegment> segments;
  double totalDuration() const;
};

struct HlsPlaylist {
  bool isMaster = false;
  std::vector<HlsVariant> variants;      // master only
  std::vector<HlsRendition> renditions;  // master only
  HlsMedia media;                        // media only
};

// A playlist that cannot be used; what() is a plain Dutch sentence.
class PlaylistError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `text` starts like a playlist: after a byte-order mark, blank lines and comment
// lines ("#" not followed by "EXT"), the first tag is an #EXT tag (normally #EXTM3U).
bool looksLikePlaylist(std::string_view text);

// Throws PlaylistError when `text` is not a usable playlist. Every segment's sequence
// number is below INT64_MAX, so sequence + 1 never overflows.
HlsPlaylist parsePlaylist(std::string_view text, std::string_view baseUrl);

// The audio to play from a master: the TYPE=AUDIO rendition with a URI (DEFAULT=YES first),
// else the lowest-bandwidth variant. Throws PlaylistError when there is neither.
std::string chooseAudioPlaylist(const HlsPlaylist& master);

}  // namespace ml::net
