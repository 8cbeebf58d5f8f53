// PortAudio's ALSA host API opens every PCM device the ALSA configuration defines when it
// starts, to list them. On Debian, libasound2-plugins defines "a52" (an AC-3 encoder for
// S/PDIF), whose plugin loads the whole of FFmpeg's shared libavcodec with its video
// codecs: about 14 MB of resident memory and a tenth of a second, for a device meeluister
// never uses (it plays to the default device). Before PortAudio starts, the "a52" entry is
// taken out of this process's in-memory copy of the configuration, unless the default
// device is built on it. The user's files are not touched.
#include <alsa/asoundlib.h>

#include <cstring>
#include <string>

#include "core/Log.h"

namespace ml::audio {
namespace {

// The text of a configuration node, to see what it refers to.
std::string configText(snd_config_t* node) {
  snd_output_t* out = nullptr;
  if (snd_output_buffer_open(&out) < 0) return {};
  snd_config_save(node, out);
  char* buf = nullptr;
  std::size_t n = snd_output_buffer_string(out, &buf);
  std::string text(buf != nullptr ? buf : "", n);
  snd_output_close(out);
  return text;
}

}  // namespace

void trimAlsaEnumeration() {
  if (snd_config_update() < 0 || snd_config == nullptr) return;
  snd_config_t* pcms = nullptr;
  if (snd_config_search(snd_config, "pcm", &pcms) < 0) return;
  snd_config_t* def = nullptr;
  if (snd_config_search(pcms, "default", &def) == 0 && configText(def).find("a52") != std::string::npos) {
    return;  // the default device uses it
  }
  snd_config_iterator_t it, next;
  snd_config_for_each(it, next, pcms) {
    snd_config_t* node = snd_config_iterator_entry(it);
    const char* id = nullptr;
    if (snd_config_get_id(node, &id) == 0 && id != nullptr && std::strcmp(id, "a52") == 0) {
      snd_config_delete(node);
      log::debug("ALSA-apparaat a52 niet opgesomd (laadt libavcodec)");
    }
  }
}

}  // namespace ml::audio
