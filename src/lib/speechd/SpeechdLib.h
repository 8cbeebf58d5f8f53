// libspeechd, loaded only when the speech-dispatcher backend is chosen (dlopen), so that
// it and the GLib it brings stay out of every other run (about 2.5 MB resident).
// Types and constants come from <libspeechd.h>; the functions through this table.
#pragma once
#include <libspeechd.h>

namespace ml::speechd {

struct SpeechdLib {
  decltype(&::spd_open2) open2;
  decltype(&::spd_close) close;
  decltype(&::spd_say) say;
  decltype(&::spd_cancel) cancel;
  decltype(&::spd_get_client_id) getClientId;
  decltype(&::spd_set_data_mode) setDataMode;
  decltype(&::spd_set_notification_on) setNotificationOn;
  decltype(&::spd_set_voice_rate) setVoiceRate;
  decltype(&::spd_set_language) setLanguage;
};

// Loads libspeechd.so.2 once (thread-safe); throws std::runtime_error (Dutch) when it is
// not installed or lacks a function.
const SpeechdLib& speechdLib();

}  // namespace ml::speechd
