#include "app/UiContext.h"

#include <unistd.h>

#include <cmath>
#include <stdexcept>

#include "core/Log.h"
#include "core/Signals.h"
#include "ui/Lines.h"
#include "lib/speechd/SpeechdSpeaker.h"
#include "speech/SpeechEngine.h"

namespace ml::app {
namespace {

constexpr std::size_t kMaxWarnings = 5;

std::unique_ptr<speech::Speaker> makeSpeaker(Settings& s, audio::SpeechBuffer& buffer) {
  if (s.backend == SpeechBackend::SpeechDispatcher) {
    try {
      speechd::SpeechdOptions o;
      o.rate = s.speechRate;
      return std::make_unique<speechd::SpeechdSpeaker>(o);
    } catch (const std::exception& e) {
      log::warn("{} meeluister spreekt nu met zijn eigen stem.", e.what());
      s.backend = SpeechBackend::Espeak;
    }
  }
  speech::SpeechOptions o;
  o.rate = s.speechRate;
  return std::make_unique<speech::SpeechEngine>(buffer, o);
}

}  // namespace

// Literals, not globals: other files' static ArgSpecs are built from this at start-up.
ArgSpec withUiOptions(ArgSpec spec) {
  spec.valued.insert({"modus", "uitgebreidheid", "spraak", "spraaksnelheid"});
  spec.flags.insert({"geen-mpris", "ondertiteling"});
  return withDeviceOptions(std::move(spec));
}

UiContext::~UiContext() {
  signalWatch.reset();
  output.reset();
  speaker.reset();
  if (speech) speech->close();
  if (signalFd >= 0) close(signalFd);
}

void UiContext::watchSignals() {
  signalWatch = std::make_unique<SignalWatch>(signalFd, interrupt, [] { ui::line("Gestopt."); });
}

std::unique_ptr<UiContext> makeUiContext(const Args& a) {
  auto ctx = std::make_unique<UiContext>();
  std::vector<std::string> warnings;
  ctx->settings = loadSettings(warnings);
  ctx->keys = ui::KeyMap::load(ctx->settings.keys, warnings);
  try {
    if (auto m = a.value("modus")) ctx->settings.mode = outputModeFromName(*m);
    if (auto v = a.value("uitgebreidheid")) ctx->settings.verbosity = verbosityFromName(*v);
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
  if (a.flag("ondertiteling")) ctx->settings.subtitles = true;
  ctx->signalFd = blockedSignalFd();
  ctx->watchSignals();
  // Before anything plays: a device name that fits none is a usage error at once. (After
  // the signal mask: listing may start PortAudio, whose threads must not take SIGINT.)
  ctx->devices = deviceRoute(a, ctx->settings, a.value("uitvoer").has_value() || a.flag("geen-geluid"));
  ctx->terminal = std::make_unique<ui::Terminal>(0);
  if (!ctx->interactive() && !a.value("modus")) ctx->settings.mode = OutputMode::ScreenReader;
  if (ctx->settings.mode != OutputMode::ScreenReader) {
    try {
      ctx->speech = std::make_unique<audio::SpeechBuffer>(1.0);
      ctx->speaker = makeSpeaker(ctx->settings, *ctx->speech);
      if (ctx->devices.speech && ctx->settings.backend == SpeechBackend::SpeechDispatcher) {
        log::warn("--spraak-apparaat geldt niet voor speech-dispatcher: dat kiest zelf waar het spreekt.");
      }
    } catch (const std::exception& e) {
      log::warn("{}", e.what());
      ctx->settings.mode = OutputMode::ScreenReader;
    }
  }
  ctx->output = std::make_unique<Output>(ctx->settings.mode, ctx->speaker.get(), ctx->settings.colour);
  // A binary or huge config file must not flood the log: the first few, then a count.
  for (std::size_t i = 0; i < warnings.size() && i < kMaxWarnings; ++i) log::warn("{}", warnings[i]);
  if (warnings.size() > kMaxWarnings) {
    log::warn("en nog {} andere waarschuwingen over de instellingen; de standaardwaarden gelden daar.",
              warnings.size() - kMaxWarnings);
  }
  return ctx;
}

}  // namespace ml::app
