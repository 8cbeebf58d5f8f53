#include "lib/speechd/SpeechdLib.h"

#include <dlfcn.h>

#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace ml::speechd {
namespace {

template <typename F>
void bind(void* handle, const char* name, F& out) {
  void* sym = dlsym(handle, name);
  if (sym == nullptr) throw std::runtime_error(std::string("libspeechd mist de functie ") + name + ".");
  out = reinterpret_cast<F>(sym);
}

SpeechdLib load() {
  void* handle = dlopen("libspeechd.so.2", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw std::runtime_error(
        "speech-dispatcher is niet geïnstalleerd (libspeechd ontbreekt). "
        "Zonder speech-dispatcher spreekt meeluister met zijn eigen stem.");
  }
  // Never dlclose: speech-dispatcher's threads may outlive any one speaker.
  SpeechdLib lib{};
  bind(handle, "spd_open2", lib.open2);
  bind(handle, "spd_close", lib.close);
  bind(handle, "spd_say", lib.say);
  bind(handle, "spd_cancel", lib.cancel);
  bind(handle, "spd_get_client_id", lib.getClientId);
  bind(handle, "spd_set_data_mode", lib.setDataMode);
  bind(handle, "spd_set_notification_on", lib.setNotificationOn);
  bind(handle, "spd_set_voice_rate", lib.setVoiceRate);
  bind(handle, "spd_set_language", lib.setLanguage);
  return lib;
}

}  // namespace

const SpeechdLib& speechdLib() {
  static std::mutex mutex;
  static std::optional<SpeechdLib> lib;
  std::lock_guard lock(mutex);
  if (!lib) lib = load();
  return *lib;
}

}  // namespace ml::speechd
