// PortAudio's ALSA host API opens every PCM device the ALSA configuration defines when it
// starts, to list them. On Debian, libasound2-plugins defines "a52" (an AC-3 encoder for
// S/PDIF), whose plugin loads the whole of FFmpeg's shared libavcodec with its video
// codecs: about 14 MB of resident memory and a tenth of a second, for a device meeluister
// never uses (it plays to the default device). Before PortAudio starts, the "a52" entry is
// taken out of this process's in-memory copy of the configuration, unless the default
// device is built on it. The user's files are not touched.
//
// JACK likewise: PortAudio's JACK host API, and ALSA's "jack" device when listed, open a
// JACK client at start. libjack then sets up its metadata store (Berkeley DB): about 1.5 MB
// of resident memory and a connection attempt, for a server meeluister never plays to.
// jack_client_open is therefore defined here, in the program, where it takes precedence
// over libjack's (the program exports it: see CMakeLists.txt). It answers "no server"
// unless the default ALSA device itself is built on JACK, in which case it hands the call
// to libjack unchanged.
#include <alsa/asoundlib.h>
#include <dlfcn.h>

#include <atomic>
#include <cstdarg>
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

std::atomic<bool> jackAllowed{false};
std::atomic<int> jackRefused{0};

// Takes the device `name` out of the configuration list `pcms`.
void dropDevice(snd_config_t* pcms, const char* name, const char* why) {
  snd_config_iterator_t it, next;
  snd_config_for_each(it, next, pcms) {
    snd_config_t* node = snd_config_iterator_entry(it);
    const char* id = nullptr;
    if (snd_config_get_id(node, &id) == 0 && id != nullptr && std::strcmp(id, name) == 0) {
      snd_config_delete(node);
      log::debug("ALSA-apparaat {} niet opgesomd ({})", name, why);
      return;
    }
  }
}

}  // namespace

void trimAlsaEnumeration() {
  jackAllowed = false;
  if (snd_config_update() < 0 || snd_config == nullptr) return;
  snd_config_t* pcms = nullptr;
  if (snd_config_search(snd_config, "pcm", &pcms) < 0) return;
  snd_config_t* def = nullptr;
  const std::string defaultText = snd_config_search(pcms, "default", &def) == 0 ? configText(def) : std::string();
  // A default device built on a plugin keeps that plugin (and, for JACK, its clients).
  if (defaultText.find("a52") == std::string::npos) dropDevice(pcms, "a52", "laadt libavcodec");
  if (defaultText.find("jack") == std::string::npos) {
    dropDevice(pcms, "jack", "opent een JACK-client");
  } else {
    jackAllowed = true;
  }
}

int jackClientsRefused() { return jackRefused.load(); }

}  // namespace ml::audio

// libjack's jack_client_open(name, options, status, ...): the trailing argument is the
// server's name when options has JackServerName (0x04). The enums are int-sized.
extern "C" void* jack_client_open(const char* name, int options, int* status, ...) {
  constexpr int kJackFailure = 0x01, kJackServerFailed = 0x10, kJackServerName = 0x04;
  if (!ml::audio::jackAllowed.load()) {
    ml::audio::jackRefused.fetch_add(1);
    if (status != nullptr) *status = kJackFailure | kJackServerFailed;
    return nullptr;
  }
  using Open = void* (*)(const char*, int, int*, ...);
  static const auto real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "jack_client_open"));
  if (real == nullptr) {
    if (status != nullptr) *status = kJackFailure;
    return nullptr;
  }
  if ((options & kJackServerName) != 0) {
    va_list args;
    va_start(args, status);
    const char* server = va_arg(args, const char*);
    va_end(args);
    return real(name, options, status, server);
  }
  return real(name, options, status);
}
