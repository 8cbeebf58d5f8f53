#include "lib/espeak/EspeakSynth.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// What espeak_SetVoiceByFile can open as given (see loadVoiceFile): at most 59 bytes, no
// capital letter (it lowercases the path) and no '+' (a variant).
bool espeakTakesPath(const std::string& path) {
  return path.size() < 60 && std::none_of(path.begin(), path.end(), [](char c) {
           return c == '+' || (c >= 'A' && c <= 'Z');
         });
}

// The "name" line of the voice eSpeak loaded last (empty when it has none).
std::string currentVoiceName() {
  const espeak_VOICE* v = espeak_GetCurrentVoice();
  return v != nullptr && v->name != nullptr ? std::string(v->name) : std::string();
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

// eSpeak NG 1.51's espeak_SetVoiceByFile (espeak_ng_SetVoiceByFile in voices.c) copies the
// path into a 60-byte static buffer (cutting it after 59 bytes), lowercases it (ASCII) and
// takes a '+' as the start of a variant name, before it opens the file. So a voice file
// under a longer folder, or one with a capital letter or a '+' anywhere in its path, is
// never found. The file is therefore opened here and handed over by its descriptor,
// /proc/self/fd/N: short, lowercase, without '+', whatever the real path is. eSpeak reads
// the whole file during the call; the descriptor stays open while that voice is eSpeak's
// current one (its identifier names it), so the name never points at another file. Without
// /proc, the path itself is tried when eSpeak can take it. Returns the name eSpeak reports
// for the voice it loaded, or nullopt.
std::optional<std::string> EspeakSynth::loadVoiceFile(const std::filesystem::path& voiceFile) {
  static int current = -1;  // the descriptor eSpeak's current voice was loaded by
  const int fd = open(voiceFile.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> loaded;
  bool keep = false;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const std::string byFd = "/proc/self/fd/" + std::to_string(fd);
    const std::string& path = voiceFile.native();
    if (espeak_SetVoiceByFile(byFd.c_str()) == EE_OK) {
      loaded = currentVoiceName();
      keep = true;
    } else if (espeakTakesPath(path) && espeak_SetVoiceByFile(path.c_str()) == EE_OK) {
      loaded = currentVoiceName();
    }
  }
  if (loaded && current >= 0) {  // the voice loaded before is no longer eSpeak's
    close(current);
    current = -1;
  }
  if (keep) current = fd;
  else close(fd);
  if (loaded && loaded->empty()) loaded = voiceFile.filename().string();
  return loaded;
}

std::string EspeakSynth::selectVoice(const std::filesystem::path& voiceFile, const std::string& mbrolaName) {
  if (trySetMbrola(mbrolaName)) return "MBROLA " + mbrolaName;
  if (!voiceFile.empty()) {
    if (auto name = loadVoiceFile(voiceFile)) return *name;
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
