// libFuzzer: the HLS playlist parser must never crash, hang or leak on any text, and
// what it returns must keep the promises the fetcher relies on (sequence + 1 never
// overflows, byte ranges never run past INT64_MAX). Seeds: tests/fuzz/seeds/fuzz_playlist/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "net/HlsPlaylist.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ml::net::looksLikePlaylist(text);
  try {
    auto p = ml::net::parsePlaylist(text, "http://127.0.0.1:1/live/Stream(06)/prog_index.m3u8?hd=1");
    if (p.isMaster) (void)ml::net::chooseAudioPlaylist(p);
    (void)p.media.totalDuration();
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    for (const auto& s : p.media.segments) {
      if (s.sequence < 0 || s.sequence == kMax) std::abort();
      if (s.rangeLength == 0 || s.rangeLength < -1 || s.rangeOffset < 0) std::abort();
      if (s.rangeLength > 0 && s.rangeOffset > kMax - s.rangeLength) std::abort();
      if (s.mapRangeLength == 0 || s.mapRangeLength < -1 || s.mapRangeOffset < 0) std::abort();
    }
  } catch (const ml::net::PlaylistError&) {
  }
  return 0;
}
