#include "lib/espeak/EspeakSynth.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/Log.h"

namespace ml::espeak {
namespace {

struct SynthContext {
  const EspeakSynth::SampleSink* sink = nullptr;
  bool aborted = false;
};

// eSpeak's synth callback: samples == nullptr marks the end. Returns 1 to abort.
int onSamples(short* samples, int count, espeak_EVENT* events) {
  if (events == nullptr) return 0;
  auto* ctx = static_cast<SynthContext*>(events->user_data);
  if (ctx == nullptr || ctx->aborted) return 1;
  if (samples == nullptr || count <= 0) return 0;
  try {
    if (!(*ctx->sink)(samples, static_cast<std::size_t>(count))) ctx->aborted = true;
  } catch (...) {
    ctx->aborted = true;
  }
  return ctx->aborted ? 1 : 0;
}

bool programOnPath(std::string_view name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string_view rest(path);
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    std::filesystem::path dir(std::string(rest.substr(0, colon)));
    std::error_code ec;
    if (!dir.empty() && std::filesystem::exists(dir / std::string(name), ec)) return true;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return false;
}

// The MBROLA database of "mb-nl2" is "nl2", looked for where eSpeak NG looks.
bool mbrolaDataPresent(const std::string& voiceName) {
  if (voiceName.rfind("mb-", 0) != 0) return false;
  const std::string db = voiceName.substr(3);
  std::error_code ec;
  for (const auto& p : {std::filesystem::path("/usr/share/mbrola") / db,
                                        std::filesystem::path("/usr/share/mbrola") / db / db,
                                        std::filesystem::path("/usr/share/mbrola/voices") / db}) {
    if (std::filesystem::is_regular_file(p, ec)) return true;
  }
  return false;
}

// eSpeak NG 1.51 hangs in espeak_Terminate after a second espeak_Initialize in one
// process, so it is initialized once and left to the process's end.
int initializeOnce() {
  static const int rate = [] {
    // 20 ms buffers: the first samples reach the mixer quickly and aborts are noticed fast.
    const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 20, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (r > 0) espeak_SetSynthCallback(&onSamples);
    return r;
  }();
  return rate;
}

}  // namespace

EspeakSynth::EspeakSynth() {
  if (initializeOnce() <= 0) {
    throw std::runtime_error("De spraak (eSpeak NG) kon niet worden gestart: de spraakgegevens ontbreken.");
  }
  if (espeak_SetVoiceByName("nl") != EE_OK) {
    throw std::runtime_error("eSpeak NG heeft geen Nederlandse stem (nl).");
  }
}

EspeakSynth::~EspeakSynth() = default;

bool EspeakSynth::trySetMbrola(const std::string& name) {
  if (name.empty() || !mbrolaDataPresent(name) || !programOnPath("mbrola")) return false;
  return espeak_SetVoiceByName(name.c_str()) == EE_OK;
}

std::string EspeakSynth::selectVoice(const std::filesystem::path& voiceFile, const std::string& mbrolaName) {
  if (trySetMbrola(mbrolaName)) return "MBROLA " + mbrolaName;
  std::error_code ec;
  if (!voiceFile.empty() && std::filesystem::is_regular_file(voiceFile, ec) &&
      espeak_SetVoiceByFile(voiceFile.c_str()) == EE_OK) {
    return voiceFile.filename().string();
  }
  log::debug("stem {} niet gevonden; eSpeak NG 'nl' wordt gebruikt", voiceFile.string());
  espeak_SetVoiceByName("nl");
  return "nl";
}

int EspeakSynth::sampleRate() const { return espeak_ng_GetSampleRate(); }

void EspeakSynth::setRate(int wordsPerMinute) {
  espeak_SetParameter(espeakRATE, std::clamp(wordsPerMinute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
}
void EspeakSynth::setPitch(int pitch) { espeak_SetParameter(espeakPITCH, std::clamp(pitch, 0, 100), 0); }
void EspeakSynth::setVolume(int volume) { espeak_SetParameter(espeakVOLUME, std::clamp(volume, 0, 200), 0); }

bool EspeakSynth::speak(const std::string& text, const SampleSink& sink) {
  SynthContext ctx{&sink, false};
  // Plain text only: no espeakSSML, no espeakPHONEMES. ENDPAUSE ends on a sentence pause.
  const unsigned int flags = espeakCHARS_UTF8 | espeakENDPAUSE;
  espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, flags, nullptr, &ctx);
  if (rc != EE_OK) log::warn("eSpeak NG: spreken mislukt (code {})", static_cast<int>(rc));
  return !ctx.aborted;
}

}  // namespace ml::espeak
