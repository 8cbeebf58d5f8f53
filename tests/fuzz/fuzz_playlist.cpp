// libFuzzer: the HLS playlist parser must never crash, hang or leak on any text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "net/HlsPlaylist.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto p = ml::net::parsePlaylist(text, "http://127.0.0.1:1/live/Stream(06)/prog_index.m3u8?hd=1");
    if (p.isMaster) (void)ml::net::chooseAudioPlaylist(p);
    (void)p.media.totalDuration();
  } catch (const ml::net::PlaylistError&) {
  }
  return 0;
}
