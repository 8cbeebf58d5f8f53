#include "app/UiContext.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/Log.h"
#include "core/Paths.h"
#include "lib/speechd/SpeechdSpeaker.h"
#include "speech/SpeechEngine.h"

namespace ml::app {
namespace {

// SIGINT and SIGTERM arrive as a readable fd in the poll loop; blocked before any
// thread starts, so every thread inherits the mask.
int blockedSignalFd() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

std::unique_ptr<speech::Speaker> makeSpeaker(const Settings& s, audio::SpeechBuffer& buffer) {
  if (s.backend == SpeechBackend::SpeechDispatcher) {
    try {
      return std::make_unique<speechd::SpeechdSpeaker>(s.speechRate);
    } catch (const std::exception& e) {
      log::warn("{} meeluister spreekt nu met zijn eigen stem.", e.what());
    }
  }
  speech::SpeechOptions o;
  o.rate = s.speechRate;
  return std::make_unique<speech::SpeechEngine>(buffer, o);
}

}  // namespace

const std::vector<std::string> kUiValued{"modus", "meldingen", "spraak", "spraaksnelheid"};
const std::vector<std::string> kUiFlags{"geen-mpris"};

ArgSpec withUiOptions(ArgSpec spec) {
  spec.valued.insert(kUiValued.begin(), kUiValued.end());
  spec.flags.insert(kUiFlags.begin(), kUiFlags.end());
  return spec;
}

UiContext::~UiContext() {
  output.reset();
  speaker.reset();
  speech.close();
  if (signalFd >= 0) close(signalFd);
}

std::unique_ptr<UiContext> makeUiContext(const Args& a) {
  auto ctx = std::make_unique<UiContext>();
  std::vector<std::string> warnings;
  ctx->settings = loadSettings(warnings);
  {
    std::ifstream in(paths::dataDir() / "data" / "keys.conf");
    std::stringstream text;
    text << in.rdbuf();
    if (!in) warnings.push_back("De toetsenlijst data/keys.conf ontbreekt; alleen uw eigen toetsen gelden.");
    ctx->keys = ui::KeyMap::build(text.str(), ctx->settings.keys, warnings);
  }
  try {
    if (auto m = a.value("modus")) ctx->settings.mode = outputModeFromName(*m);
    if (auto v = a.value("meldingen")) ctx->settings.verbosity = verbosityFromName(*v);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (auto b = a.value("spraak")) {
    if (*b == "espeak") ctx->settings.backend = SpeechBackend::Espeak;
    else if (*b == "speechd") ctx->settings.backend = SpeechBackend::SpeechDispatcher;
    else throw UsageError("--spraak verwacht espeak of speechd.");
  }
  if (auto r = a.number("spraaksnelheid")) {
    if (*r < speech::kMinRate || *r > speech::kMaxRate || std::floor(*r) != *r) {
      throw UsageError(fmt::format("--spraaksnelheid verwacht {} tot {} woorden per minuut.", speech::kMinRate, speech::kMaxRate));
    }
    ctx->settings.speechRate = static_cast<int>(*r);
  }
  ctx->mpris = !a.flag("geen-mpris");
  ctx->signalFd = blockedSignalFd();
  ctx->terminal = std::make_unique<ui::Terminal>(0);
  if (!ctx->interactive() && !a.value("modus")) ctx->settings.mode = OutputMode::ScreenReader;
  if (ctx->settings.mode != OutputMode::ScreenReader) {
    try {
      ctx->speaker = makeSpeaker(ctx->settings, ctx->speech);
    } catch (const std::exception& e) {
      log::warn("{}", e.what());
      ctx->settings.mode = OutputMode::ScreenReader;
    }
  }
  ctx->output = std::make_unique<Output>(ctx->settings.mode, ctx->speaker.get());
  for (const auto& w : warnings) log::warn("{}", w);
  return ctx;
}

}  // namespace ml::app
