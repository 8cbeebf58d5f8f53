#include "app/SpeakLines.h"

#include <poll.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <future>
#include <memory>

#include "audio/AudioFormat.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/Sink.h"
#include "audio/SpeechBuffer.h"
#include "core/Signals.h"
#include "core/Time.h"
#include "text/DutchNormalizer.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

int wholeNumber(const Args& a, const std::string& name, int lo, int hi, int fallback, const char* what) {
  auto v = a.number(name);
  if (!v) return fallback;
  if (*v < lo || *v > hi || std::floor(*v) != *v) {
    throw UsageError(fmt::format("--{} verwacht {} van {} tot {}.", name, what, lo, hi));
  }
  return static_cast<int>(*v);
}

// Waits until the mixer has played everything (false), or a signal came (true).
bool interruptedBeforeEnd(audio::Mixer& mixer, int sigfd) {
  while (!mixer.finished()) {
    pollfd fds[2] = {{mixer.finishedWakeup().fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 2 : 1, 500) < 0 && errno != EINTR) return false;
    if (sigfd >= 0 && (fds[1].revents & POLLIN) != 0) return true;
  }
  return false;
}

}  // namespace

speech::SpeechOptions voiceOptions(const Args& a) {
  speech::SpeechOptions so;
  so.rate = wholeNumber(a, "rate", speech::kMinRate, speech::kMaxRate, so.rate, "een aantal woorden per minuut");
  so.pitch = wholeNumber(a, "pitch", 0, 100, so.pitch, "een toonhoogte");
  so.volume = wholeNumber(a, "volume", 0, 200, so.volume, "een volume");
  return so;
}

int speakLines(const SpeakRequest& request) {
  SignalFd signals;
  audio::ProgrammeBuffer programme(0.1);
  programme.markEnded();  // no debate: speech only
  audio::SpeechBuffer speechBuffer(1.0);
  speechBuffer.setDataWakeup(&programme.dataWakeup());
  audio::Mixer mixer(programme, speechBuffer);
  // eSpeak NG and the normaliser load while the device opens (both take tens of ms).
  auto starting = std::async(std::launch::async, [&] {
    if (request.voice.normalize) text::DutchNormalizer::standard();  // loads its word lists
    return std::make_unique<speech::SpeechEngine>(speechBuffer, request.voice);
  });
  speechBuffer.setActive(true);  // speech is coming: the mixer must not finish before it

  std::unique_ptr<audio::Sink> sink;
  try {
    sink = request.output ? audio::makeFileSink(mixer, programme, *request.output) : audio::makeDeviceSink(mixer);
    sink->start();
  } catch (const std::exception& e) {
    starting.get()->stop();
    sink.reset();
    ui::line(e.what());
    return 1;
  }
  std::unique_ptr<speech::SpeechEngine> engine = starting.get();  // rethrows a start failure
  // Only now that the sound has somewhere to go: no line is printed that will not be heard.
  if (request.printLines) engine->setOnUtteranceStart([](const std::string& text) { ui::line(text); });
  for (const auto& l : request.lines) engine->say(l, speech::Priority::Reply);
  const bool interrupted = interruptedBeforeEnd(mixer, signals.fd());
  if (interrupted) {
    engine->setOnUtteranceStart(nullptr);
    engine->stop();
    ui::line("Gestopt.");
  } else if (!request.output) {
    usleep(150000);  // let the device play out what it holds
  }
  sink->stop();
  if (interrupted) return 130;
  if (request.output) {
    const double seconds = static_cast<double>(mixer.speechFramesPlayed()) / audio::kSampleRate;
    ui::line(fmt::format("Opgeslagen in {} ({} spraak).", *request.output, dutchDuration(seconds)));
  }
  return 0;
}

}  // namespace ml::app
